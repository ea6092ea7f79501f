package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Var;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads y instead of x where "x = y" is x's only definition and x still holds y's value at every
 * read: because y is a parameter never assigned, or because every read of x follows the copy in its
 * block with no write of y in between. The copy is then dead. What if-conversion leaves behind (each
 * arm's value copied before the select) goes this way, once {@link SplitLocals} has given the operand
 * stack's variables one definition each.
 */
public final class CopyPropagation {
    private CopyPropagation() {}

    /** Returns whether any read changed. */
    public static boolean apply(Function f) {
        Uses u = new Uses(f);
        Set<Var> fixed = new HashSet<>();
        for (Param p : f.params()) if (p.var() != null && u.defs(p.var()) == 0) fixed.add(p.var());
        boolean changed = false;
        for (Block b : f.blocks()) {
            List<Instr> is = b.instrs();
            for (int k = 0; k < is.size(); k++) {
                if (!(is.get(k) instanceof Instr.Move(Var x, Var y)) || x.equals(y) || u.defs(x) != 1) continue;
                if (fixed.contains(y)) changed |= replaceEverywhere(f, x, y);
                else changed |= replaceInBlock(b, k, x, y, u.uses(x));
            }
        }
        return changed;
    }

    private static boolean replaceEverywhere(Function f, Var x, Var y) {
        for (Block b : f.blocks()) {
            b.instrs().replaceAll(i -> i.mapOperands(o -> x.equals(o) ? y : o));
            b.setTerm(b.term().mapOperands(o -> x.equals(o) ? y : o));
        }
        return true;
    }

    /** Replaces x by y after instruction k of b, if b holds all reads of x there and nothing writes y before the last. */
    private static boolean replaceInBlock(Block b, int k, Var x, Var y, int reads) {
        List<Instr> is = b.instrs();
        int seen = 0, last = -1;
        for (int j = k + 1; j < is.size() && seen < reads; j++) {
            for (Operand o : is.get(j).uses()) if (x.equals(o)) seen++;
            if (is.get(j).uses().contains(x)) last = j;
            else if (y.equals(is.get(j).dst())) break;      // y changes before a read of x: leave it
        }
        boolean inTerm = b.term().uses().contains(x);
        if (inTerm) for (Operand o : b.term().uses()) if (x.equals(o)) seen++;
        if (seen != reads || inTerm && writesAfter(is, k, y)) return false;
        for (int j = k + 1; j <= last; j++) is.set(j, is.get(j).mapOperands(o -> x.equals(o) ? y : o));
        if (inTerm) b.setTerm(b.term().mapOperands(o -> x.equals(o) ? y : o));
        return last >= 0 || inTerm;
    }

    private static boolean writesAfter(List<Instr> is, int k, Var y) {
        for (int j = k + 1; j < is.size(); j++) if (y.equals(is.get(j).dst())) return true;
        return false;
    }
}
