package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Var;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scalar replacement of private arrays: a PRIVATE array of constant size whose every load and store
 * uses a constant index inside its bounds becomes one variable per element, so printers keep it in
 * registers instead of (slow, per-thread) array memory. Loads become moves from the element's
 * variable, stores moves into it, and the Alloc goes. Java's zeroing of new arrays is already explicit
 * stores, so every element is written before it is read, as before. Arrays with any other use (a
 * variable index, an index out of bounds, a Length or an atomic) are left alone, as are HALF/BF16
 * arrays, whose stores round, and arrays never loaded or stored (nothing to gain).
 */
public final class ScalarReplace {
    private ScalarReplace() {}

    /** Returns whether any array was replaced. */
    public static boolean apply(Function f) {
        Map<ArrayRef, Integer> candidates = new LinkedHashMap<>(); // allocation order: variable ids must not depend on hash codes
        f.allocations().forEach((a, size) -> {
            if (a.space() == Space.PRIVATE && size instanceof Const c && exact(a.elem()))
                candidates.put(a, c.asInt());
        });
        // Allocated twice, or touched in any way other than a constant in-bounds load or store: keep.
        Set<ArrayRef> allocated = new HashSet<>(), accessed = new HashSet<>();
        for (Block b : f.blocks()) {
            for (Instr i : b.instrs()) {
                ArrayRef a = i.array();
                if (a == null || !candidates.containsKey(a)) continue;
                int size = candidates.get(a);
                boolean ok = switch (i) {
                    case Instr.Alloc al -> allocated.add(a);
                    case Instr.Load l -> inBounds(l.index(), size) && l.dst().type() == a.elem().valueType();
                    case Instr.Store s -> inBounds(s.index(), size) && s.value().type() == a.elem().valueType();
                    default -> false;
                };
                if (!ok) candidates.remove(a);
                else if (!(i instanceof Instr.Alloc)) accessed.add(a);
            }
        }
        candidates.keySet().retainAll(accessed);
        if (candidates.isEmpty()) return false;

        // One fresh variable per element.
        int next = f.nextVarId();
        Map<ArrayRef, Var[]> elems = new HashMap<>();
        for (Map.Entry<ArrayRef, Integer> e : candidates.entrySet()) {
            ArrayRef a = e.getKey();
            Var[] vs = new Var[e.getValue()];
            for (int k = 0; k < vs.length; k++, next++) vs[k] = new Var(next, a.elem().valueType(), a.name() + "_" + k + "_" + next);
            elems.put(a, vs);
        }
        for (Block b : f.blocks()) {
            List<Instr> is = b.instrs();
            for (int k = 0; k < is.size(); k++) {
                Instr i = is.get(k);
                Var[] vs = i.array() == null ? null : elems.get(i.array());
                if (vs == null) continue;
                switch (i) {
                    case Instr.Load l -> is.set(k, new Instr.Move(l.dst(), vs[((Const) l.index()).asInt()]));
                    case Instr.Store s -> is.set(k, new Instr.Move(vs[((Const) s.index()).asInt()], s.value()));
                    case Instr.Alloc al -> is.remove(k--);
                    default -> throw new IllegalStateException("unexpected use of " + i.array() + ": " + i);
                }
            }
        }
        return true;
    }

    /** Whether elements hold exactly the values stored (HALF and BF16 round). */
    private static boolean exact(ElemType e) {
        return switch (e) {
            case INT, LONG, FLOAT, DOUBLE -> true;
            case HALF, BF16 -> false;
        };
    }

    private static boolean inBounds(Operand index, int size) {
        return index instanceof Const c && c.asInt() >= 0 && c.asInt() < size;
    }
}
