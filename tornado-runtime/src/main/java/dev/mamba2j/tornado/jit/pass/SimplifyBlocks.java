package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Terminator;

import java.util.HashMap;
import java.util.Map;

/**
 * Skips empty blocks that only jump on, turns branches whose two targets agree into jumps, and
 * merges a block into its predecessor when it is that predecessor's only successor and has no other.
 */
public final class SimplifyBlocks {
    private SimplifyBlocks() {}

    public static boolean apply(Function f) {
        boolean changed = false;
        // Jump threading: where an empty block only jumps on, go straight to its final target.
        Map<Integer, Integer> forward = new HashMap<>();
        for (Block b : f.blocks())
            if (b.instrs().isEmpty() && b.term() instanceof Terminator.Jump(int t) && t != b.id() && b != f.entry())
                forward.put(b.id(), t);
        for (Block b : f.blocks()) {
            Terminator t = b.term().retarget(id -> follow(forward, id));
            if (t instanceof Terminator.Branch(var c, int yes, int no) && yes == no) t = new Terminator.Jump(yes);
            if (!t.equals(b.term())) { b.setTerm(t); changed = true; }
        }
        changed |= DeadCode.removeUnreachable(f);
        // Merging straight-line chains.
        for (boolean again = true; again; ) {
            again = false;
            Map<Integer, Integer> preds = f.predecessorCounts();
            Map<Integer, Block> byId = f.blockMap();
            for (Block a : f.blocks()) {
                if (!(a.term() instanceof Terminator.Jump(int t)) || t == a.id() || preds.get(t) != 1) continue;
                Block next = byId.get(t);
                if (next == f.entry()) continue;
                a.instrs().addAll(next.instrs());
                a.setTerm(next.term());
                f.blocks().remove(next);
                again = changed = true;
                break;
            }
        }
        return changed;
    }

    private static int follow(Map<Integer, Integer> forward, int id) {
        int steps = 0;
        while (forward.containsKey(id) && steps++ < forward.size()) id = forward.get(id);
        return id;
    }
}
