package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Var;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Def and use counts of variables, and the defining instructions; recomputed by each pass. */
final class Uses {
    final Map<Var, Integer> defs = new HashMap<>();
    final Map<Var, Integer> uses = new HashMap<>();
    final Map<Var, Instr> lastDef = new HashMap<>();

    Uses(Function f) {
        for (Block b : f.blocks()) {
            for (Instr i : b.instrs()) {
                if (i.dst() != null) {
                    defs.merge(i.dst(), 1, Integer::sum);
                    lastDef.put(i.dst(), i);
                }
                count(i.uses());
            }
            count(b.term().uses());
        }
    }

    private void count(List<Operand> ops) {
        for (Operand o : ops) if (o instanceof Var v) uses.merge(v, 1, Integer::sum);
    }

    int defs(Var v) { return defs.getOrDefault(v, 0); }

    int uses(Var v) { return uses.getOrDefault(v, 0); }

    /** The only instruction that writes v, or null if there are none or several. */
    Instr singleDef(Var v) { return defs(v) == 1 ? lastDef.get(v) : null; }
}
