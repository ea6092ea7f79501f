package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fully unrolls counted loops over private arrays, so that their indices become constants and
 * {@link ScalarReplace} can keep the arrays in registers.
 *
 * <p>Only the shape the front end builds for a {@code for} loop with a one-block body is handled:
 * <pre>
 *   P:  ... iv = C0 ...          jump H      (the only other predecessor of H; C0 constant)
 *   H:  cond = compare(iv, LIMIT)            (H holds nothing else; LIMIT constant)
 *       branch cond -> B / X                  (either order)
 *   B:  ... body, no other write of iv or cond ...
 *       iv = iv + STEP                        (last instruction; STEP constant)
 *       jump H                                (H is B's only predecessor)
 * </pre>
 * The trip count is found by running the induction exactly as Java would (int arithmetic wraps),
 * and the loop is unrolled only if it ends within {@link #MAX_TRIPS} iterations, the copies stay
 * under {@link #MAX_INSTRS} instructions, and the body indexes a PRIVATE array with iv or a value
 * computed from it. P then runs
 * the body's copies, with iv replaced by its value in each, sets iv and cond to their values at the
 * exit (dead code removes them if unused) and jumps to X; H and B become unreachable. Anything else
 * is left as it is.
 */
public final class UnrollPrivateLoops {
    /** Loops running longer than this stay loops. */
    static final int MAX_TRIPS = 256;
    /** Upper bound on the instructions one unrolled loop may add. */
    static final int MAX_INSTRS = 4096;

    private UnrollPrivateLoops() {}

    /** Returns whether any loop was unrolled. */
    public static boolean apply(Function f) {
        boolean changed = false;
        // One loop at a time: unrolling changes the predecessors the next match relies on.
        while (unrollOne(f)) {
            DeadCode.removeUnreachable(f);
            changed = true;
        }
        return changed;
    }

    private static boolean unrollOne(Function f) {
        Map<Integer, List<Block>> preds = new HashMap<>();
        for (Block b : f.blocks())
            for (int s : b.term().successors()) preds.computeIfAbsent(s, k -> new ArrayList<>()).add(b);
        Map<Integer, Block> byId = f.blockMap();
        for (Block h : f.blocks()) {
            Loop loop = match(f, h, byId, preds);
            if (loop != null) {
                unroll(loop);
                return true;
            }
        }
        return false;
    }

    /** A recognised loop with its constant trip values. */
    private record Loop(Block pre, Block header, Block body, int exit, Var iv, Var cond, boolean condAtExit,
                        List<Integer> values, int after) {}

    private static Loop match(Function f, Block h, Map<Integer, Block> byId, Map<Integer, List<Block>> preds) {
        if (h == f.entry() || !(h.term() instanceof Terminator.Branch(Operand c, int yes, int no))) return null;
        if (!(c instanceof Var cond) || h.instrs().size() != 1 || !(h.instrs().getFirst() instanceof Instr.Compare cmp)) return null;
        if (!cmp.dst().equals(cond)) return null;
        // The induction variable against a constant bound, in either operand order.
        Var iv;
        Const limit;
        CmpOp op;
        if (cmp.a() instanceof Var v && cmp.b() instanceof Const k) { iv = v; limit = k; op = cmp.op(); }
        else if (cmp.a() instanceof Const k && cmp.b() instanceof Var v) { iv = v; limit = k; op = cmp.op().swap(); }
        else return null;
        if (iv.type() != Type.INT || limit.type() != Type.INT || iv.equals(cond)) return null;

        // Which successor is the body: the one-block latch that jumps back to h.
        boolean bodyOnTrue;
        Block body;
        if (yes != h.id() && isLatch(byId.get(yes), h)) { body = byId.get(yes); bodyOnTrue = true; }
        else if (no != h.id() && isLatch(byId.get(no), h)) { body = byId.get(no); bodyOnTrue = false; }
        else return null;
        int exit = bodyOnTrue ? no : yes;
        if (exit == body.id() || exit == h.id()) return null;
        List<Block> bodyPreds = preds.getOrDefault(body.id(), List.of());
        if (bodyPreds.size() != 1 || bodyPreds.getFirst() != h) return null;

        // The increment ends the body; nothing else in it writes iv or cond.
        List<Instr> is = body.instrs();
        if (is.isEmpty() || !(is.getLast() instanceof Instr.Binary(Var d, BinOp bop, Operand x, Operand s))) return null;
        if (!d.equals(iv) || bop != BinOp.ADD || !x.equals(iv) || !(s instanceof Const stepC) || stepC.type() != Type.INT) return null;
        int step = stepC.asInt();
        if (step == 0) return null;
        boolean indexesPrivate = false;
        Set<Var> fromIv = new HashSet<>(Set.of(iv)); // values the body computes from iv, in order (a[q·rows + r] counts)
        for (int k = 0; k < is.size() - 1; k++) {
            Instr i = is.get(k);
            if (iv.equals(i.dst()) || cond.equals(i.dst())) return null;
            if ((i instanceof Instr.Load l && l.array().space() == Space.PRIVATE && fromIv.contains(l.index()))
                    || (i instanceof Instr.Store st && st.array().space() == Space.PRIVATE && fromIv.contains(st.index())))
                indexesPrivate = true;
            if (i.dst() != null) {
                if (i.uses().stream().anyMatch(fromIv::contains)) fromIv.add(i.dst());
                else fromIv.remove(i.dst());
            }
        }
        if (!indexesPrivate) return null;

        // Exactly one entry from outside, which sets iv to a constant last.
        List<Block> hPreds = preds.getOrDefault(h.id(), List.of());
        if (hPreds.size() != 2 || !hPreds.contains(body)) return null;
        Block pre = hPreds.get(0) == body ? hPreds.get(1) : hPreds.get(0);
        if (pre == body || pre == h || !(pre.term() instanceof Terminator.Jump)) return null;
        Const init = null;
        for (int k = pre.instrs().size() - 1; k >= 0; k--) {
            Instr i = pre.instrs().get(k);
            if (iv.equals(i.dst())) {
                if (i instanceof Instr.Move(Var dv, Const ci) && ci.type() == Type.INT) init = ci;
                break;
            }
        }
        if (init == null) return null;

        // Run the induction as Java would; give up on long loops.
        List<Integer> values = new ArrayList<>();
        int v = init.asInt();
        while (Eval.compare(op, Const.of(v), limit) == bodyOnTrue) {
            if (values.size() == MAX_TRIPS) return null;
            values.add(v);
            v += step;
        }
        if ((long) values.size() * (is.size() - 1) > MAX_INSTRS) return null;
        return new Loop(pre, h, body, exit, iv, cond, !bodyOnTrue, values, v);
    }

    private static boolean isLatch(Block b, Block h) {
        return b != null && b.term() instanceof Terminator.Jump(int t) && t == h.id();
    }

    private static void unroll(Loop l) {
        List<Instr> body = l.body().instrs().subList(0, l.body().instrs().size() - 1);
        List<Instr> out = l.pre().instrs();
        for (int value : l.values()) {
            Const c = Const.of(value);
            Const inBody = Const.of(!l.condAtExit());
            for (Instr i : body) out.add(i.mapOperands(o -> o.equals(l.iv()) ? c : o.equals(l.cond()) ? inBody : o));
        }
        // The values iv and cond hold when the loop exits.
        out.add(new Instr.Move(l.iv(), Const.of(l.after())));
        out.add(new Instr.Move(l.cond(), Const.of(l.condAtExit())));
        l.pre().setTerm(new Terminator.Jump(l.exit()));
    }
}
