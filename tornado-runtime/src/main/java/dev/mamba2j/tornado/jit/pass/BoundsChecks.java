package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import dev.mamba2j.tornado.ir.WorkItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checked mode's bounds checks: before every load, store and atomic of a kernel array (global, local
 * or private), the index is compared with the array's length; a work-item whose index is outside
 * records, if it is the first of the launch, the check's number, its global ids, the index and the
 * length in an error buffer, then goes on with index 0 so that it touches no other memory. The error
 * buffer is an extra device parameter ({@link #ERRORS_INDEX} as its Java index) that the runtime
 * binds, zeroes and reads after the launch.
 *
 * <p>Layout of the buffer (ints): [0] how many accesses were out of bounds, [1] the first one's check
 * number (an index into the returned descriptions), [2..4] its global ids x, y, z, [5] the index,
 * [6] the length; [8..14] are scratch for the later ones; [15] is an input, the launch's residency
 * mask ({@link ResidencyChecks}).
 */
public final class BoundsChecks {
    /** The Java index of the error buffer's parameter: no Java argument feeds it. */
    public static final int ERRORS_INDEX = -1;
    /** Ints of the error buffer. */
    public static final int ERRORS_INTS = 16;

    private BoundsChecks() {}

    /**
     * Adds the checks to {@code f} (optimised, not lowered) and the error buffer to its parameters.
     *
     * @return one description per check, by check number: "load of x", "store to out", ...
     */
    public static List<String> apply(Function f) {
        Map<ArrayRef, Operand> sizes = f.allocations();
        int maxArray = 0, maxBlock = 0;
        for (Param p : f.params()) if (p.array() != null) maxArray = Math.max(maxArray, p.array().id() + 1);
        for (ArrayRef a : sizes.keySet()) maxArray = Math.max(maxArray, a.id() + 1);
        for (Block b : f.blocks()) maxBlock = Math.max(maxBlock, b.id() + 1);
        ArrayRef errors = new ArrayRef(maxArray, Space.GLOBAL, ElemType.INT, "mamba2j_errors", ERRORS_INDEX);
        int[] next = {f.nextVarId(), maxBlock};
        List<String> sites = new ArrayList<>();
        List<Block> out = new ArrayList<>();
        for (Block original : f.blocks()) {
            Block cur = new Block(original.id());
            out.add(cur);
            for (Instr i : original.instrs()) {
                ArrayRef a = array(i);
                if (a == null || a.equals(errors)) {
                    cur.instrs().add(i);
                    continue;
                }
                Operand index = index(i);
                Operand length;
                if (a.space() == Space.GLOBAL) {
                    Var len = var(next, Type.INT, "len");
                    cur.instrs().add(new Instr.Length(len, a));
                    length = len;
                } else {
                    length = sizes.get(a);
                }
                int site = sites.size();
                sites.add((i instanceof Instr.Load ? "load of " : i instanceof Instr.Store ? "store to " : "atomic add to ") + a.name());
                Var low = var(next, Type.BOOL, "in_low"), high = var(next, Type.BOOL, "in_high"), ok = var(next, Type.BOOL, "in_bounds");
                Var safe = var(next, Type.INT, "safe_index");
                cur.instrs().add(new Instr.Compare(low, CmpOp.GE, index, Const.of(0)));
                cur.instrs().add(new Instr.Compare(high, CmpOp.LT, index, length));
                cur.instrs().add(new Instr.Binary(ok, BinOp.AND, low, high));
                cur.instrs().add(new Instr.Select(safe, ok, index, Const.of(0)));
                Block report = new Block(next[1]++), rest = new Block(next[1]++);
                cur.setTerm(new Terminator.Branch(ok, rest.id(), report.id()));
                report(report.instrs(), next, errors, site, index, length);
                report.setTerm(new Terminator.Jump(rest.id()));
                out.add(report);
                out.add(rest);
                cur = rest;
                cur.instrs().add(withIndex(i, safe));
            }
            cur.setTerm(original.term());
        }
        f.blocks().clear();
        f.blocks().addAll(out);
        f.params().add(new Param(ERRORS_INDEX, Param.Kind.ARRAY, null, errors, dev.mamba2j.tornado.api.arrays.IntArray.class));
        return sites;
    }

    /**
     * Records an error of check {@code site} by this work-item: counted in slot 0; the first one of the
     * launch writes slots 1..6, later ones the scratch slots.
     */
    static void report(List<Instr> r, int[] next, ArrayRef errors, int site, Operand index, Operand length) {
        Var old = var(next, Type.INT, "errors_seen"), first = var(next, Type.BOOL, "first_error"), base = var(next, Type.INT, "error_slot");
        r.add(new Instr.AtomicAdd(old, errors, Const.of(0), Const.of(1)));
        r.add(new Instr.Compare(first, CmpOp.EQ, old, Const.of(0)));
        r.add(new Instr.Select(base, first, Const.of(1), Const.of(8)));
        store(r, next, errors, base, 0, Const.of(site));
        for (int d = 0; d < 3; d++) {
            Var id = var(next, Type.INT, "gid");
            r.add(new Instr.Query(id, WorkItem.GLOBAL_ID, d));
            store(r, next, errors, base, 1 + d, id);
        }
        store(r, next, errors, base, 4, index);
        store(r, next, errors, base, 5, length);
    }

    private static void store(List<Instr> r, int[] next, ArrayRef errors, Var base, int offset, Operand value) {
        Var at = var(next, Type.INT, "error_at");
        r.add(new Instr.Binary(at, BinOp.ADD, base, Const.of(offset)));
        r.add(new Instr.Store(errors, at, value));
    }

    static Var var(int[] next, Type t, String name) {
        int id = next[0]++;
        return new Var(id, t, name + "_" + id);
    }

    private static ArrayRef array(Instr i) {
        return switch (i) {
            case Instr.Load l -> l.array();
            case Instr.Store s -> s.array();
            case Instr.AtomicAdd a -> a.array();
            default -> null;
        };
    }

    private static Operand index(Instr i) {
        return switch (i) {
            case Instr.Load l -> l.index();
            case Instr.Store s -> s.index();
            case Instr.AtomicAdd a -> a.index();
            default -> throw new IllegalArgumentException(String.valueOf(i));
        };
    }

    private static Instr withIndex(Instr i, Operand index) {
        return switch (i) {
            case Instr.Load l -> new Instr.Load(l.dst(), l.array(), index);
            case Instr.Store s -> new Instr.Store(s.array(), index, s.value());
            case Instr.AtomicAdd a -> new Instr.AtomicAdd(a.dst(), a.array(), index, a.value());
            default -> throw new IllegalArgumentException(String.valueOf(i));
        };
    }
}
