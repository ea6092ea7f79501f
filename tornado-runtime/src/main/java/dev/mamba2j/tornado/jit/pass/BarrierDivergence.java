package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Var;
import dev.mamba2j.tornado.ir.WorkItem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds barriers that not every work-item of a group may reach: a barrier inside a region entered on a
 * branch (or switch, or early return) whose condition differs between the work-items of one group.
 * OpenCL and CUDA leave such a kernel undefined (it hangs or computes garbage on a GPU, and may work
 * on a CPU), so checked mode refuses it.
 *
 * <p>A value varies between work-items if it is a global or local id, is computed from one that
 * varies, is loaded at an index that varies, is the result of an atomic, or is assigned inside a
 * region entered on a varying condition (tracked per program point, as variables are reassigned). Group ids and sizes, scalar arguments and loads at a uniform
 * index are uniform. A block is in the region of a varying branch when it is reachable from the branch
 * without passing a block that post-dominates it.
 */
public final class BarrierDivergence {
    private BarrierDivergence() {}

    /** The ids of blocks holding a barrier that some work-items of a group may not reach; empty if none. */
    public static Set<Integer> divergentBarriers(Function f) {
        Map<Integer, Block> byId = new HashMap<>();
        for (Block b : f.blocks()) byId.put(b.id(), b);
        Map<Integer, BitSet> pdom = postDominators(f, byId);
        Map<Integer, List<Integer>> preds = new HashMap<>();
        for (Block b : f.blocks()) for (int succ : b.term().successors()) preds.computeIfAbsent(succ, k -> new ArrayList<>()).add(b.id());
        // Flow-sensitive: the IR reuses a variable for many values (stack slots, loop counters), so what
        // varies is tracked per program point: a definition from uniform operands outside every region
        // makes its variable uniform again.
        Map<Integer, Set<Var>> varyingOut = new HashMap<>();
        Set<Integer> divergent = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : f.blocks()) {
                Set<Var> cur = new HashSet<>();
                for (int p : preds.getOrDefault(b.id(), List.of())) cur.addAll(varyingOut.getOrDefault(p, Set.of()));
                boolean inRegion = divergent.contains(b.id());
                for (Instr i : b.instrs()) {
                    Var d = i.dst();
                    if (d == null) continue;
                    if (inRegion || varies(i, cur)) cur.add(d);
                    else cur.remove(d);
                }
                if (!cur.equals(varyingOut.get(b.id()))) {
                    varyingOut.put(b.id(), cur);
                    changed = true;
                }
                boolean branchVaries = b.term().successors().size() > 1
                        && b.term().uses().stream().anyMatch(o -> o instanceof Var v && cur.contains(v));
                if (branchVaries) for (int r : region(b, byId, pdom)) if (divergent.add(r)) changed = true;
            }
        }
        Set<Integer> out = new HashSet<>();
        for (Block b : f.blocks())
            if (divergent.contains(b.id()) && b.instrs().stream().anyMatch(i -> i instanceof Instr.Barrier)) out.add(b.id());
        return out;
    }

    private static boolean varies(Instr i, Set<Var> varying) {
        if (i instanceof Instr.Query q) return q.what() == WorkItem.GLOBAL_ID || q.what() == WorkItem.LOCAL_ID;
        if (i instanceof Instr.AtomicAdd) return true;
        for (Operand o : i.uses()) if (o instanceof Var v && varying.contains(v)) return true;
        return false;
    }

    /** Blocks reachable from b's successors without entering a block that post-dominates b. */
    private static Set<Integer> region(Block b, Map<Integer, Block> byId, Map<Integer, BitSet> pdom) {
        BitSet stop = pdom.get(b.id());
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> work = new ArrayDeque<>(b.term().successors());
        while (!work.isEmpty()) {
            int n = work.pop();
            if ((stop != null && stop.get(n) && n != b.id()) || !seen.add(n)) continue;
            Block nb = byId.get(n);
            if (nb != null) work.addAll(nb.term().successors());
        }
        return seen;
    }

    /** Post-dominator sets by block id (a block post-dominates itself), iterated to a fixed point. */
    private static Map<Integer, BitSet> postDominators(Function f, Map<Integer, Block> byId) {
        List<Block> blocks = f.blocks();
        BitSet all = new BitSet();
        for (Block b : blocks) all.set(b.id());
        Map<Integer, BitSet> pdom = new HashMap<>();
        for (Block b : blocks) {
            BitSet s = new BitSet();
            if (b.term() instanceof Terminator.Return) s.set(b.id());
            else s.or(all);
            pdom.put(b.id(), s);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : blocks.reversed()) {
                if (b.term() instanceof Terminator.Return) continue;
                BitSet s = (BitSet) all.clone();
                for (int succ : b.term().successors()) if (byId.containsKey(succ)) s.and(pdom.get(succ));
                s.set(b.id());
                if (!s.equals(pdom.get(b.id()))) {
                    pdom.put(b.id(), s);
                    changed = true;
                }
            }
        }
        return pdom;
    }
}
