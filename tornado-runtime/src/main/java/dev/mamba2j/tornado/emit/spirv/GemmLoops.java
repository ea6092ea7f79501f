package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import dev.mamba2j.tornado.ir.WorkItem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code KernelContext.localGemm} written out as IR loops, the portable version: the work-items of
 * the group share C in blocks of {@link #TILE} x {@link #TILE} elements (TILE values of A and of B
 * loaded per TILE² fma), each element summing its products with fma in k order, between two barriers.
 * The tf32 flag is ignored here (fp32 accuracy is always allowed). A localGemm that runs on the
 * device's matrix units ({@link CooperativeGemm}) is kept instead, alone in a block of its own, so
 * that the loops the writer puts in its place start and end inside one straight run of code.
 */
final class GemmLoops {
    private final Function f;
    private final Predicate<Instr.Gemm> kept;
    private final List<Block> out = new ArrayList<>();
    private int nextBlock, nextVar;

    private GemmLoops(Function f, Predicate<Instr.Gemm> kept) {
        this.f = f;
        this.kept = kept;
        for (Block b : f.blocks()) nextBlock = Math.max(nextBlock, b.id() + 1);
        nextVar = f.nextVarId();
    }

    /** f itself when it has no localGemm, else a copy with each one expanded. */
    static Function expand(Function f) { return expand(f, g -> false); }

    /** f itself when it has no localGemm, else a copy with each one expanded or, where {@code kept}, isolated. */
    static Function expand(Function f, Predicate<Instr.Gemm> kept) {
        if (!has(f)) return f;
        GemmLoops g = new GemmLoops(f, kept);
        for (Block b : f.blocks()) g.block(b);
        Function copy = new Function(f.name(), f.params(), g.out);
        if (f.loweredFor() != null) copy.markLowered(f.loweredFor());
        return copy;
    }

    /** Whether f holds a localGemm. */
    static boolean has(Function f) { return f.blocks().stream().anyMatch(b -> b.instrs().stream().anyMatch(i -> i instanceof Instr.Gemm)); }

    private void block(Block b) {
        Block cur = new Block(b.id());
        out.add(cur);
        for (Instr i : b.instrs()) {
            if (i instanceof Instr.Gemm g && kept.test(g)) cur = isolate(cur, g);
            else if (i instanceof Instr.Gemm g) cur = gemm(cur, g);
            else cur.instrs().add(i);
        }
        cur.setTerm(b.term());
    }

    private Var var(Type t) {
        int id = nextVar++;
        return new Var(id, t, "gemm" + id);
    }

    private Block newBlock() {
        Block b = new Block(nextBlock++);
        out.add(b);
        return b;
    }

    private static int constant(Operand o) { return ((Const) o).asInt(); }

    /** Rows and columns of C each work-item sums at a time: m and n are multiples of 8 by localGemm's rules. */
    static final int TILE = 4;

    /** Ends cur with the loops; returns the block that continues after the second barrier. */
    private Block gemm(Block cur, Instr.Gemm g) {
        int m = constant(g.m()), n = constant(g.n()), k = constant(g.k());
        int lda = constant(g.lda()), ldb = constant(g.ldb()), ldc = constant(g.ldc());
        List<Instr> pre = cur.instrs();
        pre.add(new Instr.Barrier());
        Var[] id = new Var[3], size = new Var[3];
        for (int d = 0; d < 3; d++) {
            pre.add(new Instr.Query(id[d] = var(Type.INT), WorkItem.LOCAL_ID, d));
            pre.add(new Instr.Query(size[d] = var(Type.INT), WorkItem.LOCAL_SIZE, d));
        }
        Var e = var(Type.INT), groupSize = var(Type.INT), t = var(Type.INT);
        pre.add(new Instr.Binary(t, BinOp.MUL, id[2], size[1]));
        pre.add(new Instr.Binary(t, BinOp.ADD, t, id[1]));
        pre.add(new Instr.Binary(t, BinOp.MUL, t, size[0]));
        pre.add(new Instr.Binary(e, BinOp.ADD, t, id[0]));
        pre.add(new Instr.Binary(groupSize, BinOp.MUL, size[0], size[1]));
        pre.add(new Instr.Binary(groupSize, BinOp.MUL, groupSize, size[2]));

        Block outer = newBlock(), row = newBlock(), inner = newBlock(), step = newBlock(), store = newBlock(), after = newBlock();
        cur.setTerm(new Terminator.Jump(outer.id()));

        // outer: a TILE x TILE block of C per iteration, blocks shared out over the work-group
        int across = n / TILE;
        Var more = var(Type.BOOL);
        outer.instrs().add(new Instr.Compare(more, CmpOp.LT, e, Const.of(m / TILE * across)));
        outer.setTerm(new Terminator.Branch(more, row.id(), after.id()));

        Var i0 = var(Type.INT), j0 = var(Type.INT), l = var(Type.INT);
        Var[] ci = new Var[TILE], ai = new Var[TILE], a = new Var[TILE], b = new Var[TILE];
        Var[][] acc = new Var[TILE][TILE];
        List<Instr> r = row.instrs();
        r.add(new Instr.Binary(i0, BinOp.DIV, e, Const.of(across)));
        r.add(new Instr.Binary(i0, BinOp.MUL, i0, Const.of(TILE)));
        r.add(new Instr.Binary(j0, BinOp.REM, e, Const.of(across)));
        r.add(new Instr.Binary(j0, BinOp.MUL, j0, Const.of(TILE)));
        for (int x = 0; x < TILE; x++) {
            Var rowIndex = var(Type.INT);
            r.add(new Instr.Binary(rowIndex, BinOp.ADD, i0, Const.of(x)));
            r.add(new Instr.Binary(ci[x] = var(Type.INT), BinOp.MUL, rowIndex, Const.of(ldc)));
            r.add(new Instr.Binary(ci[x], BinOp.ADD, ci[x], j0));
            r.add(new Instr.Binary(ai[x] = var(Type.INT), BinOp.MUL, rowIndex, Const.of(lda)));
            for (int y = 0; y < TILE; y++) r.add(new Instr.Load(acc[x][y] = var(Type.FLOAT), g.c(), offset(r, ci[x], y)));
        }
        r.add(new Instr.Move(l, Const.of(0)));
        row.setTerm(new Terminator.Jump(inner.id()));

        Var go = var(Type.BOOL);
        inner.instrs().add(new Instr.Compare(go, CmpOp.LT, l, Const.of(k)));
        inner.setTerm(new Terminator.Branch(go, step.id(), store.id()));

        // step: TILE values of A's column l and of B's row l, TILE x TILE products, each element in k order
        List<Instr> st = step.instrs();
        Var bl = var(Type.INT);
        st.add(new Instr.Binary(bl, BinOp.MUL, l, Const.of(ldb)));
        st.add(new Instr.Binary(bl, BinOp.ADD, bl, j0));
        for (int x = 0; x < TILE; x++) {
            Var index = var(Type.INT);
            st.add(new Instr.Binary(index, BinOp.ADD, ai[x], l));
            st.add(new Instr.Load(a[x] = var(Type.FLOAT), g.a(), index));
            st.add(new Instr.Load(b[x] = var(Type.FLOAT), g.b(), offset(st, bl, x)));
        }
        for (int x = 0; x < TILE; x++)
            for (int y = 0; y < TILE; y++) st.add(new Instr.Call(acc[x][y], MathFn.FMA, List.of(a[x], b[y], acc[x][y])));
        st.add(new Instr.Binary(l, BinOp.ADD, l, Const.of(1)));
        step.setTerm(new Terminator.Jump(inner.id()));

        List<Instr> so = store.instrs();
        for (int x = 0; x < TILE; x++) for (int y = 0; y < TILE; y++) so.add(new Instr.Store(g.c(), offset(so, ci[x], y), acc[x][y]));
        so.add(new Instr.Binary(e, BinOp.ADD, e, groupSize));
        store.setTerm(new Terminator.Jump(outer.id()));

        after.instrs().add(new Instr.Barrier());
        return after;
    }

    /** Ends cur with a jump to a block holding g alone, which jumps on to the block returned. */
    private Block isolate(Block cur, Instr.Gemm g) {
        Block alone = newBlock(), after = newBlock();
        cur.setTerm(new Terminator.Jump(alone.id()));
        alone.instrs().add(g);
        alone.setTerm(new Terminator.Jump(after.id()));
        return after;
    }

    /** base + delta, written into code (base itself for 0). */
    private Operand offset(List<Instr> code, Var base, int delta) {
        if (delta == 0) return base;
        Var v = var(Type.INT);
        code.add(new Instr.Binary(v, BinOp.ADD, base, Const.of(delta)));
        return v;
    }
}
