package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns short branches of pure arithmetic into selects: both arms run, and each variable they write
 * takes its value from the arm the condition picks. This is what {@code c ? a : b},
 * {@code boolean b = x < y} and {@code if (c) v = ...} become, and it leaves loop bodies of one
 * block, which {@link UnrollPrivateLoops} can unroll, and loads that no longer wait behind a branch.
 *
 * <p>Handled shapes, where H is the arms' only predecessor and the arms jump to J:
 * <pre>
 *   diamond:  H: branch c -> T / F;   T: ...; jump J;   F: ...; jump J
 *   triangle: H: branch c -> T / J (either order);   T: ...; jump J
 * </pre>
 * An arm qualifies if it has no effect and reads no memory (Move, Neg, Binary, Compare, Select,
 * Convert, Bitcast, math Call, Query, Length: none can fault on a device, where integer division by
 * zero gives 0), writes no BOOL, and the arms together weigh at most {@link #MAX_WEIGHT} (a math call
 * counts {@link #CALL_WEIGHT}): running both arms must stay cheaper than a branch.
 */
public final class IfConvert {
    static final int MAX_WEIGHT = 32, CALL_WEIGHT = 8;

    private IfConvert() {}

    /** Returns whether any branch was converted. */
    public static boolean apply(Function f) {
        boolean changed = false;
        int[] next = {f.nextVarId()};
        for (boolean again = true; again; ) {
            again = false;
            Map<Integer, Integer> preds = f.predecessorCounts();
            Map<Integer, Block> byId = f.blockMap();
            for (Block h : f.blocks()) {
                if (!(h.term() instanceof Terminator.Branch(Operand cond, int yes, int no)) || yes == no) continue;
                Block t = arm(byId.get(yes), h, preds), e = arm(byId.get(no), h, preds);
                int join;
                if (t != null && e != null && target(t) == target(e)) join = target(t);
                else if (t != null && target(t) == no) { join = no; e = null; }
                else if (e != null && target(e) == yes) { join = yes; t = null; }
                else continue;
                if (join == h.id() || weight(t) + weight(e) > MAX_WEIGHT) continue;
                Map<Var, Operand> onTrue = copyInto(h, t, next), onFalse = copyInto(h, e, next);
                Set<Var> written = new LinkedHashSet<>(onTrue.keySet());
                written.addAll(onFalse.keySet());
                // Only variables read after the join need a select; an arm's own temporaries stay in their fresh copies.
                // Java's definite assignment means a live variable that one arm leaves alone was set before H.
                for (Var v : written)
                    if (liveAt(byId, join, v))
                        h.instrs().add(new Instr.Select(v, cond, onTrue.getOrDefault(v, v), onFalse.getOrDefault(v, v)));
                h.setTerm(new Terminator.Jump(join));
                DeadCode.removeUnreachable(f);
                changed = again = true;
                break; // the block list and the predecessor counts changed
            }
        }
        return changed;
    }

    /** b if it can be run unconditionally as an arm of h: h its only predecessor, pure, ends in a jump. */
    private static Block arm(Block b, Block h, Map<Integer, Integer> preds) {
        if (b == null || b == h || preds.get(b.id()) != 1 || !(b.term() instanceof Terminator.Jump)) return null;
        for (Instr i : b.instrs()) {
            boolean pure = switch (i) {
                case Instr.Move m -> true;
                case Instr.Neg n -> true;
                case Instr.Binary x -> true;
                case Instr.Compare c -> true;
                case Instr.Select s -> true;
                case Instr.Convert c -> true;
                case Instr.Bitcast c -> true;
                case Instr.Call c -> true;
                case Instr.Query q -> true;
                case Instr.Length l -> true;
                default -> false;
            };
            if (!pure || i.dst().type() == Type.BOOL) return null;
        }
        return b;
    }

    /** Whether some path from block start reads v before writing it. */
    private static boolean liveAt(Map<Integer, Block> byId, int start, Var v) {
        ArrayDeque<Integer> work = new ArrayDeque<>(List.of(start));
        Set<Integer> seen = new HashSet<>(work);
        while (!work.isEmpty()) {
            Block b = byId.get(work.pop());
            boolean killed = false;
            for (Instr i : b.instrs()) {
                if (i.uses().contains(v)) return true;
                if (v.equals(i.dst())) { killed = true; break; }
            }
            if (killed) continue;
            if (b.term().uses().contains(v)) return true;
            for (int s : b.term().successors()) if (seen.add(s)) work.push(s);
        }
        return false;
    }

    private static int target(Block arm) { return ((Terminator.Jump) arm.term()).target(); }

    private static int weight(Block arm) {
        if (arm == null) return 0;
        int w = 0;
        for (Instr i : arm.instrs()) w += i instanceof Instr.Call ? CALL_WEIGHT : 1;
        return w;
    }

    /**
     * Appends the arm's instructions to h, each writing a fresh variable (later reads in the arm
     * follow), and returns what each variable the arm writes holds at its end.
     */
    private static Map<Var, Operand> copyInto(Block h, Block arm, int[] next) {
        Map<Var, Operand> now = new HashMap<>();
        if (arm == null) return now;
        for (Instr i : arm.instrs()) {
            Instr c = i.mapOperands(o -> o instanceof Var v && now.containsKey(v) ? now.get(v) : o);
            Var d = c.dst();
            int id = next[0]++;
            Var fresh = new Var(id, d.type(), d.name() + "_" + id);
            h.instrs().add(c.withDst(fresh));
            now.put(d, fresh);
        }
        return now;
    }
}
