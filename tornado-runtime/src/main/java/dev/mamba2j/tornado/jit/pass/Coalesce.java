package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Var;

import java.util.List;

/**
 * Folds "t = expr; x = t;" into "x = expr;" when t is written and read only there: the operand
 * stack leaves such pairs behind on every store to a local.
 */
public final class Coalesce {
    private Coalesce() {}

    public static boolean apply(Function f) {
        boolean changed = false;
        Uses u = new Uses(f);
        for (Block b : f.blocks()) {
            List<Instr> is = b.instrs();
            for (int k = is.size() - 1; k > 0; k--) {
                if (!(is.get(k) instanceof Instr.Move(Var x, Var t)) || x.equals(t) || x.type() != t.type()) continue;
                Instr def = is.get(k - 1);
                if (!t.equals(def.dst()) || u.defs(t) != 1 || u.uses(t) != 1) continue;
                is.set(k - 1, def.withDst(x));
                is.remove(k);
                changed = true;
            }
        }
        return changed;
    }
}
