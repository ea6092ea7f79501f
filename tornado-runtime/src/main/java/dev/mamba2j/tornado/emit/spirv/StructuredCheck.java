package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.ir.Block;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structured control-flow rules of Vulkan's SPIR-V, checked on the structurer's result: every merge
 * block is emitted, no two headers share one, and a branch leaves a construct only to its merge, to the
 * innermost enclosing loop's merge or continue target, or (a loop's continue construct) back to its header.
 * A construct here ends where an enclosing one does, and a selection's leaves out the enclosing loop's
 * continue construct.
 */
final class StructuredCheck {
    private StructuredCheck() {}

    /** The rules broken, one line each (empty: none). */
    static List<String> violations(Structurer.Structured s) {
        Map<Integer, Block> blocks = new LinkedHashMap<>();
        for (Block b : s.order()) blocks.put(b.id(), b);
        int entry = s.order().getFirst().id();
        Cfg cfg = new Cfg(blocks, entry);
        List<String> out = new ArrayList<>();
        Set<Integer> mergeBlocks = new HashSet<>();
        for (Map.Entry<Integer, Structurer.Merge> e : s.merges().entrySet()) {
            int m = e.getValue().block();
            if (!blocks.containsKey(m)) out.add("L" + e.getKey() + "'s merge L" + m + " is never emitted");
            else if (!cfg.reachable(m) && !s.unreachable().contains(m)) out.add("L" + e.getKey() + "'s merge L" + m + " is unreachable, unmarked");
            if (!mergeBlocks.add(m)) out.add("L" + m + " merges two headers");
            if (cfg.reachable(e.getKey()) && cfg.reachable(m) && !cfg.dominates(e.getKey(), m))
                out.add("L" + e.getKey() + " does not dominate its merge L" + m);
        }
        for (Map.Entry<Integer, Structurer.Merge> e : s.merges().entrySet()) {
            int h = e.getKey();
            Structurer.Merge m = e.getValue();
            if (!cfg.reachable(h)) continue;
            Structurer.Merge loop = null;
            int loopHeader = -1;
            for (Map.Entry<Integer, Structurer.Merge> o : s.merges().entrySet())
                if (o.getValue().isLoop() && o.getKey() != h && inConstruct(cfg, o.getKey(), o.getValue(), h)
                        && (loop == null || cfg.dominates(loopHeader, o.getKey()))) {
                    loop = o.getValue();
                    loopHeader = o.getKey();
                }
            // a construct stops where an enclosing one ends, and a selection's at the enclosing loop's continue construct
            List<Integer> ends = new ArrayList<>();
            for (Map.Entry<Integer, Structurer.Merge> o : s.merges().entrySet()) {
                int end = o.getValue().block();
                if (o.getKey() != h && cfg.reachable(o.getKey()) && cfg.dominates(o.getKey(), h) && cfg.reachable(end) && !cfg.dominates(end, h))
                    ends.add(end);
            }
            if (loop != null && !m.isLoop() && cfg.reachable(loop.continueTarget()) && !cfg.dominates(loop.continueTarget(), h))
                ends.add(loop.continueTarget());
            for (int u : cfg.rpo) {
                if (!inConstruct(cfg, h, m, u) || ends.stream().anyMatch(end -> cfg.dominates(end, u))) continue;
                for (int v : blocks.get(u).term().successors()) {
                    boolean ok = v == m.block() || inConstruct(cfg, h, m, v) || m.isLoop() && v == h
                            || loop != null && (v == loop.block() || v == loop.continueTarget());
                    if (!ok) out.add("L" + u + " -> L" + v + " leaves the construct of L" + h + " (merge L" + m.block() + ")");
                }
            }
        }
        return out;
    }

    private static boolean inConstruct(Cfg cfg, int h, Structurer.Merge m, int b) {
        return cfg.reachable(b) && cfg.dominates(h, b) && !(cfg.reachable(m.block()) && cfg.dominates(m.block(), b));
    }
}
