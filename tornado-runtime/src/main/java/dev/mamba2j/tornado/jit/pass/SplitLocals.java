package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Var;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each definition of a variable that lives inside one block a variable of its own, the reads
 * following: the operand stack's variables, which every ternary of a method reuses, and locals
 * assigned step by step then have one definition each, which is what {@link CopyPropagation} and
 * {@link Coalesce} need. A variable is split only if one block holds all its reads and writes and
 * writes it before reading it there.
 */
public final class SplitLocals {
    private SplitLocals() {}

    /** Returns whether any variable was split. */
    public static boolean apply(Function f) {
        Set<Var> split = candidates(f);
        if (split.isEmpty()) return false;
        int next = f.nextVarId();
        for (Block b : f.blocks()) {
            Map<Var, Var> now = new HashMap<>();
            List<Instr> is = b.instrs();
            for (int k = 0; k < is.size(); k++) {
                Instr i = is.get(k).mapOperands(o -> o instanceof Var v && now.containsKey(v) ? now.get(v) : o);
                Var d = i.dst();
                if (d != null && split.contains(d)) {
                    int id = next++;
                    Var fresh = new Var(id, d.type(), d.name().replaceFirst("_\\d+$", "") + "_" + id);
                    now.put(d, fresh);
                    i = i.withDst(fresh);
                }
                is.set(k, i);
            }
            b.setTerm(b.term().mapOperands(o -> o instanceof Var v && now.containsKey(v) ? now.get(v) : o));
        }
        return true;
    }

    /** Variables written more than once, all in one block, written there before any read. */
    private static Set<Var> candidates(Function f) {
        Map<Var, Integer> home = new HashMap<>(), defs = new HashMap<>();
        Set<Var> out = new HashSet<>(), readFirst = new HashSet<>();
        for (Param p : f.params()) if (p.var() != null) out.add(p.var());
        for (Block b : f.blocks()) {
            Set<Var> written = new HashSet<>();
            for (Instr i : b.instrs()) {
                for (Operand o : i.uses()) if (o instanceof Var v) note(v, b, home, out, written, readFirst);
                Var d = i.dst();
                if (d == null) continue;
                if (home.containsKey(d) && home.get(d) != b.id()) out.add(d);
                home.putIfAbsent(d, b.id());
                written.add(d);
                defs.merge(d, 1, Integer::sum);
            }
            for (Operand o : b.term().uses()) if (o instanceof Var v) note(v, b, home, out, written, readFirst);
        }
        Set<Var> split = new HashSet<>();
        defs.forEach((v, n) -> { if (n > 1 && !out.contains(v) && !readFirst.contains(v)) split.add(v); });
        return split;
    }

    private static void note(Var v, Block b, Map<Var, Integer> home, Set<Var> out, Set<Var> written, Set<Var> readFirst) {
        if (home.containsKey(v) && home.get(v) != b.id()) out.add(v);
        home.putIfAbsent(v, b.id());
        if (!written.contains(v)) readFirst.add(v);
    }
}
