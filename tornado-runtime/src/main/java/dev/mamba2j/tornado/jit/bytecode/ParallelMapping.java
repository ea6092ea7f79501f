package dev.mamba2j.tornado.jit.bytecode;

import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import dev.mamba2j.tornado.ir.WorkItem;
import dev.mamba2j.tornado.jit.loops.HostExpr;
import dev.mamba2j.tornado.jit.loops.HostValues;
import dev.mamba2j.tornado.jit.loops.ParallelLoop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a task method's {@code @Parallel} loops onto the grid while the method is translated: the
 * variable of the loop on dimension d starts at {@code start + globalId(d) * step}, the loop's own
 * condition guards the body, and the back edge leaves the loop, so each work-item runs one iteration.
 * Records where start, step and bound are computed, for the host to count the iterations.
 */
final class ParallelMapping {
    static final ParallelMapping NONE = new ParallelMapping(null, List.of());

    private record Point(Block block, int position, Operand value) {}

    private final Code code;
    private final List<LoopShape> loops;
    private final Map<LoopShape, Var> wide = new HashMap<>();
    private final Map<LoopShape, Point> starts = new HashMap<>(), steps = new HashMap<>(), bounds = new HashMap<>();

    ParallelMapping(Code code, List<LoopShape> loops) {
        this.code = code;
        this.loops = loops;
    }

    boolean isEmpty() { return loops.isEmpty(); }

    LoopShape initAt(int idx) { return find(idx, LoopShape::init); }

    LoopShape conditionAt(int idx) { return find(idx, LoopShape::condition); }

    LoopShape backEdgeAt(int idx) { return find(idx, LoopShape::backEdge); }

    /** True for the instructions of a loop's increment (they write only the loop variable). */
    boolean inIncrement(int idx) {
        for (LoopShape l : loops) if (idx >= l.increment() && idx < l.backEdge()) return true;
        return false;
    }

    private LoopShape find(int idx, java.util.function.ToIntFunction<LoopShape> at) {
        for (LoopShape l : loops) if (at.applyAsInt(l) == idx) return l;
        return null;
    }

    /** The store that initialises the loop variable: {@code i = start + globalId * step}. */
    void mapInit(MethodTranslator t, LoopShape l) {
        Operand start = t.popPrim();
        Operand step = l.stepSlot() < 0 ? Const.of(l.stepConstant()) : t.local(l.stepSlot(), Type.INT);
        starts.put(l, new Point(t.cur, t.cur.instrs().size(), start));
        steps.put(l, new Point(t.cur, t.cur.instrs().size(), step));
        Var i = t.local(l.slot(), Type.INT);
        t.spill(i);
        Var id = t.temp(Type.INT);
        t.emit(new Instr.Query(id, WorkItem.GLOBAL_ID, l.dimension()));
        if (start.equals(Const.of(0)) && step.equals(Const.of(1))) {
            t.emit(new Instr.Move(i, id));
            return;
        }
        // The launch rounds the grid up to whole work-groups; past the last iteration start + id * step
        // may pass Integer.MAX_VALUE and wrap below the bound, so it is computed, and compared, in long.
        Var w = t.b.var(Type.LONG, l.variable() + "_wide");
        Var s = t.temp(Type.LONG), g = t.temp(Type.LONG), d = t.temp(Type.LONG), p = t.temp(Type.LONG);
        t.emit(new Instr.Convert(s, start));
        t.emit(new Instr.Convert(g, id));
        t.emit(new Instr.Convert(d, step));
        t.emit(new Instr.Binary(p, BinOp.MUL, g, d));
        t.emit(new Instr.Binary(w, BinOp.ADD, s, p));
        t.emit(new Instr.Convert(i, w));
        wide.put(l, w);
    }

    /** The loop's condition as a guard: c is true when the work-item's iteration exists. */
    void guard(MethodTranslator t, LoopShape l, Operand variable, Operand bound, Var c) {
        if (!variable.equals(t.local(l.slot(), Type.INT)))
            throw t.code.error(t.idx, "the condition of the parallel loop over " + l.variable() + " must compare " + l.variable() + " with its bound");
        bounds.put(l, new Point(t.cur, t.cur.instrs().size(), bound));
        CmpOp op = l.inclusive() ? CmpOp.LE : CmpOp.LT;
        Var w = wide.get(l);
        if (w == null) {
            t.emit(new Instr.Compare(c, op, variable, bound));
            return;
        }
        Var b = t.temp(Type.LONG);
        t.emit(new Instr.Convert(b, bound));
        t.emit(new Instr.Compare(c, op, w, b));
    }

    /**
     * Why a store at kernel instruction idx is refused, or null: only the innermost loop's body may write
     * memory, since every work-item runs the code around it, which Java runs once.
     */
    String writeRefusal(int idx) {
        if (loops.isEmpty() || loops.getLast().contains(idx)) return null;
        return code.where(idx) + ": writes memory outside the innermost @Parallel loop (every work-item runs the code there, "
                + "where Java runs it once); write only in the body of the innermost parallel loop";
    }

    /** The loops with their start, step and bound as host expressions, outermost first. */
    List<ParallelLoop> describe(Function f) {
        HostValues values = new HostValues(f);
        List<ParallelLoop> out = new ArrayList<>();
        for (LoopShape l : loops)
            out.add(new ParallelLoop(l.variable(), code.source(l.init()), l.dimension(), value(values, starts.get(l)),
                    value(values, steps.get(l)), value(values, bounds.get(l)), l.inclusive()));
        return List.copyOf(out);
    }

    private static HostExpr value(HostValues values, Point p) {
        return p == null ? new HostExpr.Unknown("is never reached") : values.at(p.block(), p.position(), p.value());
    }
}
