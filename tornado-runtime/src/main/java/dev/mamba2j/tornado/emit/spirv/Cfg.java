package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.ir.Block;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Facts about a control-flow graph of IR blocks at one moment: reverse post-order from the entry,
 * predecessors and immediate dominators (Cooper, Harvey and Kennedy's iteration). Rebuilt after
 * every change, the graphs being small.
 */
final class Cfg {
    final List<Integer> rpo = new ArrayList<>();
    final Map<Integer, Integer> index = new HashMap<>();
    final Map<Integer, List<Integer>> preds = new HashMap<>();
    private final Map<Integer, Integer> idom = new HashMap<>();

    Cfg(Map<Integer, Block> blocks, int entry) {
        List<Integer> post = new ArrayList<>();
        dfs(blocks, entry, new HashSet<>(), post);
        for (int i = post.size() - 1; i >= 0; i--) {
            index.put(post.get(i), rpo.size());
            rpo.add(post.get(i));
        }
        for (int b : rpo) preds.putIfAbsent(b, new ArrayList<>());
        for (int b : rpo) for (int s : blocks.get(b).term().successors()) preds.get(s).add(b);
        idom.put(entry, entry);
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int b : rpo) {
                if (b == entry) continue;
                Integer d = null;
                for (int p : preds.get(b)) if (idom.containsKey(p)) d = d == null ? p : intersect(p, d);
                if (d != null && !d.equals(idom.get(b))) {
                    idom.put(b, d);
                    changed = true;
                }
            }
        }
    }

    private static void dfs(Map<Integer, Block> blocks, int b, Set<Integer> seen, List<Integer> post) {
        // iterative, so that long kernels do not exhaust the stack
        record Frame(int block, List<Integer> succ, int[] next) {}
        List<Frame> stack = new ArrayList<>();
        seen.add(b);
        stack.add(new Frame(b, blocks.get(b).term().successors(), new int[1]));
        while (!stack.isEmpty()) {
            Frame f = stack.getLast();
            if (f.next[0] < f.succ.size()) {
                int s = f.succ.get(f.next[0]++);
                if (seen.add(s)) stack.add(new Frame(s, blocks.get(s).term().successors(), new int[1]));
            } else {
                post.add(f.block);
                stack.removeLast();
            }
        }
    }

    private int intersect(int a, int b) {
        while (a != b) {
            while (index.get(a) > index.get(b)) a = idom.get(a);
            while (index.get(b) > index.get(a)) b = idom.get(b);
        }
        return a;
    }

    boolean reachable(int b) { return index.containsKey(b); }

    /** Whether a dominates b (both reachable). */
    boolean dominates(int a, int b) {
        while (true) {
            if (a == b) return true;
            int up = idom.get(b);
            if (up == b) return false;
            b = up;
        }
    }
}
