package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Space;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes a store to a private array element that a later store in the same block overwrites before
 * anything else touches the array: Java's zeroing of a new array that is then filled element by
 * element (the math library's table of 2/pi) goes this way.
 */
public final class DeadStores {
    private DeadStores() {}

    /** Returns whether any store was removed. */
    public static boolean apply(Function f) {
        boolean changed = false;
        for (Block b : f.blocks()) {
            List<Instr> is = b.instrs();
            Map<ArrayRef, Map<Integer, Integer>> pending = new HashMap<>(); // array -> constant index -> position of its last store
            for (int k = 0; k < is.size(); k++) {
                Instr i = is.get(k);
                ArrayRef a = i.array();
                if (a == null || a.space() != Space.PRIVATE) continue;
                if (i instanceof Instr.Store s && s.index() instanceof Const c) {
                    Integer earlier = pending.computeIfAbsent(a, x -> new HashMap<>()).put(c.asInt(), k);
                    if (earlier != null) is.set(earlier, null);
                } else if (!(i instanceof Instr.Alloc)) {
                    pending.remove(a);                       // read, or stored at an unknown index: earlier stores stay
                }
            }
            changed |= is.removeIf(i -> i == null);
        }
        return changed;
    }
}
