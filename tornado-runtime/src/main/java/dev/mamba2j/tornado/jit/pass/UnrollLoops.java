package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.jit.ir.BinOp;
import dev.mamba2j.tornado.jit.ir.Block;
import dev.mamba2j.tornado.jit.ir.CmpOp;
import dev.mamba2j.tornado.jit.ir.Const;
import dev.mamba2j.tornado.jit.ir.Function;
import dev.mamba2j.tornado.jit.ir.Instr;
import dev.mamba2j.tornado.jit.ir.Operand;
import dev.mamba2j.tornado.jit.ir.Space;
import dev.mamba2j.tornado.jit.ir.Terminator;
import dev.mamba2j.tornado.jit.ir.Type;
import dev.mamba2j.tornado.jit.ir.Var;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fully unrolls counted loops with constant bounds. Loops that index a private array with their
 * induction variable are unrolled so that the indices become constants and {@link ScalarReplace}
 * can keep the arrays in registers; short loops are unrolled so that their iterations' memory
 * accesses can be in flight together (a rolled loop that loads, tests and stores waits for each
 * load in turn) and their address arithmetic folds.
 *
 * <p>The shape the front end builds for a {@code for} loop is handled, with a body of any blocks:
 * <pre>
 *   P:  ... iv = C0 ...          jump H      (the only other predecessor of H; C0 constant)
 *   H:  cond = compare(iv, LIMIT)            (H holds nothing else; LIMIT constant)
 *       branch cond -> E / X                  (either order)
 *   E … L: the body, entered only at E, left only by L's jump back to H; it neither writes iv nor
 *       cond except for L's last instruction, iv = iv + STEP (STEP constant)
 * </pre>
 * The trip count is found by running the induction exactly as Java would (int arithmetic wraps).
 * P then runs one copy of the body per iteration, with iv replaced by its value in each, sets iv
 * and cond to their values at the exit (dead code removes them if unused) and jumps to X; H and the
 * original body become unreachable. Anything else (a body with a break or a return, a bound known
 * only at run time, a loop over the limits below) is left as it is.
 */
public final class UnrollLoops {
    /** Loops indexing a private array: at most this many iterations and instructions once unrolled. */
    static final int MAX_TRIPS = 256, MAX_INSTRS = 4096;
    /** Other loops: at most this many iterations and instructions once unrolled. */
    static final int SHORT_TRIPS = 32, SHORT_INSTRS = 1024;

    private UnrollLoops() {}

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
                unroll(f, loop);
                return true;
            }
        }
        return false;
    }

    /** A recognised loop: its blocks (entry first), latch, exit and constant trip values. */
    private record Loop(Block pre, Block header, List<Block> body, Block latch, int exit, Var iv, Var cond,
                        boolean condAtExit, List<Integer> values, int after) {}

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

        // Which successor enters the body: the one whose region comes back to h through one latch.
        boolean bodyOnTrue = true;
        List<Block> body = yes == h.id() ? null : region(byId.get(yes), h, no, byId, preds);
        if (body == null) {
            bodyOnTrue = false;
            body = no == h.id() ? null : region(byId.get(no), h, yes, byId, preds);
        }
        if (body == null) return null;
        int exit = bodyOnTrue ? no : yes;
        Block latch = null;
        for (Block b : body) {
            if (!b.term().successors().contains(h.id())) continue;
            if (latch != null) return null; // a continue that skips the increment: not this shape
            latch = b;
        }
        if (latch == null || !(latch.term() instanceof Terminator.Jump)) return null;

        // The increment ends the latch; nothing else in the body writes iv or cond.
        List<Instr> ls = latch.instrs();
        if (ls.isEmpty() || !(ls.getLast() instanceof Instr.Binary(Var d, BinOp bop, Operand x, Operand s))) return null;
        if (!d.equals(iv) || bop != BinOp.ADD || !x.equals(iv) || !(s instanceof Const stepC) || stepC.type() != Type.INT) return null;
        int step = stepC.asInt();
        if (step == 0) return null;
        boolean indexesPrivate = false;
        int size = 0;
        for (Block b : body)
            for (int k = 0; k < b.instrs().size() - (b == latch ? 1 : 0); k++) {
                Instr i = b.instrs().get(k);
                size++;
                if (iv.equals(i.dst()) || cond.equals(i.dst())) return null;
                if ((i instanceof Instr.Load l && l.array().space() == Space.PRIVATE && l.index().equals(iv))
                        || (i instanceof Instr.Store st && st.array().space() == Space.PRIVATE && st.index().equals(iv)))
                    indexesPrivate = true;
            }

        // Exactly one entry from outside, which sets iv to a constant last.
        List<Block> hPreds = preds.getOrDefault(h.id(), List.of());
        if (hPreds.size() != 2 || !hPreds.contains(latch)) return null;
        Block pre = hPreds.get(0) == latch ? hPreds.get(1) : hPreds.get(0);
        if (body.contains(pre) || pre == h || !(pre.term() instanceof Terminator.Jump)) return null;
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
        int maxTrips = indexesPrivate ? MAX_TRIPS : SHORT_TRIPS, maxInstrs = indexesPrivate ? MAX_INSTRS : SHORT_INSTRS;
        List<Integer> values = new ArrayList<>();
        int v = init.asInt();
        while (Eval.compare(op, Const.of(v), limit) == bodyOnTrue) {
            if (values.size() == maxTrips) return null;
            values.add(v);
            v += step;
        }
        if ((long) values.size() * size > maxInstrs) return null;
        return new Loop(pre, h, body, latch, exit, iv, cond, !bodyOnTrue, values, v);
    }

    /**
     * The blocks reachable from {@code entry} without passing through {@code h}, entry first, if
     * they form a loop body: entered only at entry (from h alone), leaving only back to h, neither
     * reaching {@code exit} nor returning. Null otherwise.
     */
    private static List<Block> region(Block entry, Block h, int exit, Map<Integer, Block> byId, Map<Integer, List<Block>> preds) {
        if (entry == null || entry.id() == exit) return null;
        Set<Block> seen = new LinkedHashSet<>();
        Deque<Block> work = new ArrayDeque<>();
        work.add(entry);
        while (!work.isEmpty()) {
            Block b = work.poll();
            if (!seen.add(b)) continue;
            if (b.term() instanceof Terminator.Return) return null;
            for (int s : b.term().successors()) {
                if (s == h.id()) continue;
                if (s == exit) return null;
                work.add(byId.get(s));
            }
        }
        for (Block b : seen)
            for (Block p : preds.getOrDefault(b.id(), List.of()))
                if (b == entry ? p != h : !seen.contains(p)) return null;
        return new ArrayList<>(seen);
    }

    private static void unroll(Function f, Loop l) {
        int next = 0;
        for (Block b : f.blocks()) next = Math.max(next, b.id() + 1);
        List<Block> copies = new ArrayList<>();
        Block previousLatch = l.pre();
        for (int value : l.values()) {
            Const c = Const.of(value);
            Const inBody = Const.of(!l.condAtExit());
            Map<Integer, Integer> ids = new HashMap<>();
            for (Block b : l.body()) ids.put(b.id(), next++);
            Block latchCopy = null;
            for (Block b : l.body()) {
                List<Instr> is = new ArrayList<>();
                int n = b.instrs().size() - (b == l.latch() ? 1 : 0);
                for (int k = 0; k < n; k++)
                    is.add(b.instrs().get(k).mapOperands(o -> o.equals(l.iv()) ? c : o.equals(l.cond()) ? inBody : o));
                Terminator t = b.term().mapOperands(o -> o.equals(l.iv()) ? c : o.equals(l.cond()) ? inBody : o)
                        .retarget(id -> ids.getOrDefault(id, id));
                Block copy = new Block(ids.get(b.id()), is, t);
                if (b == l.latch()) latchCopy = copy;
                copies.add(copy);
            }
            previousLatch.setTerm(new Terminator.Jump(ids.get(l.body().getFirst().id())));
            previousLatch = latchCopy;
        }
        // The values iv and cond hold when the loop exits.
        previousLatch.instrs().add(new Instr.Move(l.iv(), Const.of(l.after())));
        previousLatch.instrs().add(new Instr.Move(l.cond(), Const.of(l.condAtExit())));
        previousLatch.setTerm(new Terminator.Jump(l.exit()));
        f.blocks().addAll(f.blocks().indexOf(l.header()), copies);
    }
}
