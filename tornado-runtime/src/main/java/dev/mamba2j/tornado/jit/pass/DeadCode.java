package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Removes blocks that cannot be reached and instructions without effect whose result is never
 * read (an atomic's unused result is dropped, the atomic stays).
 */
public final class DeadCode {
    private DeadCode() {}

    public static boolean apply(Function f) {
        boolean changed = removeUnreachable(f);
        for (boolean again = true; again; ) {
            again = false;
            Uses u = new Uses(f);
            for (Block b : f.blocks()) {
                for (int k = b.instrs().size() - 1; k >= 0; k--) {
                    Instr i = b.instrs().get(k);
                    if (i.dst() == null || u.uses(i.dst()) > 0) continue;
                    if (i instanceof Instr.AtomicAdd a) b.instrs().set(k, new Instr.AtomicAdd(null, a.array(), a.index(), a.value()));
                    else if (!i.hasEffect()) b.instrs().remove(k);
                    else continue;
                    again = true;
                }
            }
            changed |= again;
        }
        return changed;
    }

    static boolean removeUnreachable(Function f) {
        Map<Integer, Block> byId = f.blockMap();
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> work = new ArrayDeque<>();
        work.push(f.entry().id());
        while (!work.isEmpty()) {
            int id = work.pop();
            if (seen.add(id)) work.addAll(byId.get(id).term().successors());
        }
        return f.blocks().removeIf(b -> !seen.contains(b.id()));
    }
}
