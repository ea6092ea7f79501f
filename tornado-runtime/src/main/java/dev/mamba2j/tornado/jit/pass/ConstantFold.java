package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Var;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Constant propagation and folding. A variable with exactly one definition whose inputs are
 * constants is a constant everywhere: Java's definite assignment means no use can see it
 * unassigned. Lengths of local/private arrays become their sizes; constant branches become jumps
 * and selects with a constant condition moves.
 */
public final class ConstantFold {
    private ConstantFold() {}

    /** Returns whether anything changed. */
    public static boolean apply(Function f) {
        boolean changed = false;
        Map<Var, Const> known = new HashMap<>();
        Map<Integer, Operand> sizes = new HashMap<>();
        for (boolean again = true; again; ) {
            again = false;
            Uses u = new Uses(f);
            f.allocations().forEach((a, s) -> sizes.put(a.id(), s));
            for (Block b : f.blocks()) {
                List<Instr> is = b.instrs();
                for (int k = 0; k < is.size(); k++) {
                    Instr i = is.get(k).mapOperands(o -> o instanceof Var v && known.containsKey(v) ? known.get(v) : o);
                    if (i instanceof Instr.Length l && l.array().space() != Space.GLOBAL && sizes.get(l.array().id()) instanceof Const c)
                        i = new Instr.Move(l.dst(), c);
                    if (i instanceof Instr.Select(Var d, Const c, Operand yes, Operand no)) i = new Instr.Move(d, c.asBool() ? yes : no);
                    if (!i.equals(is.get(k))) { is.set(k, i); again = true; }
                    Var d = i.dst();
                    if (d != null && u.defs(d) == 1 && !known.containsKey(d)) {
                        Const c = Eval.fold(i, f.loweredFor() != null);
                        if (c != null) { known.put(d, c); again = true; }
                    }
                }
                Terminator t = b.term().mapOperands(o -> o instanceof Var v && known.containsKey(v) ? known.get(v) : o);
                t = foldBranch(t);
                if (!t.equals(b.term())) { b.setTerm(t); again = true; }
            }
            changed |= again;
        }
        return changed;
    }

    private static Terminator foldBranch(Terminator t) {
        if (t instanceof Terminator.Branch(Const c, int yes, int no)) return new Terminator.Jump(c.asBool() ? yes : no);
        if (t instanceof Terminator.Switch(Const c, List<Integer> keys, List<Integer> targets, int otherwise)) {
            int k = keys.indexOf(c.asInt());
            return new Terminator.Jump(k < 0 ? otherwise : targets.get(k));
        }
        return t;
    }
}
