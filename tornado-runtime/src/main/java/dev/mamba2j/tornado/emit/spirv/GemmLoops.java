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

/**
 * {@code KernelContext.localGemm} written out as IR loops, the portable version: the work-items of
 * the group share the elements of C, each summing its element's products with fma in k order,
 * between two barriers. SPIR-V has no tensor-core version here yet, so the tf32 flag is ignored
 * (fp32 accuracy is always allowed).
 */
final class GemmLoops {
    private final Function f;
    private final List<Block> out = new ArrayList<>();
    private int nextBlock, nextVar;

    private GemmLoops(Function f) {
        this.f = f;
        for (Block b : f.blocks()) nextBlock = Math.max(nextBlock, b.id() + 1);
        nextVar = f.nextVarId();
    }

    /** f itself when it has no localGemm, else a copy with each one expanded. */
    static Function expand(Function f) {
        boolean any = f.blocks().stream().anyMatch(b -> b.instrs().stream().anyMatch(i -> i instanceof Instr.Gemm));
        if (!any) return f;
        GemmLoops g = new GemmLoops(f);
        for (Block b : f.blocks()) g.block(b);
        Function copy = new Function(f.name(), f.params(), g.out);
        if (f.loweredFor() != null) copy.markLowered(f.loweredFor());
        return copy;
    }

    private void block(Block b) {
        Block cur = new Block(b.id());
        out.add(cur);
        for (Instr i : b.instrs()) {
            if (i instanceof Instr.Gemm g) cur = gemm(cur, g);
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

        Var more = var(Type.BOOL);
        outer.instrs().add(new Instr.Compare(more, CmpOp.LT, e, Const.of(m * n)));
        outer.setTerm(new Terminator.Branch(more, row.id(), after.id()));

        Var i = var(Type.INT), j = var(Type.INT), ci = var(Type.INT), s = var(Type.FLOAT), l = var(Type.INT);
        row.instrs().add(new Instr.Binary(i, BinOp.DIV, e, Const.of(n)));
        row.instrs().add(new Instr.Binary(j, BinOp.REM, e, Const.of(n)));
        row.instrs().add(new Instr.Binary(ci, BinOp.MUL, i, Const.of(ldc)));
        row.instrs().add(new Instr.Binary(ci, BinOp.ADD, ci, j));
        row.instrs().add(new Instr.Load(s, g.c(), ci));
        row.instrs().add(new Instr.Move(l, Const.of(0)));
        row.setTerm(new Terminator.Jump(inner.id()));

        Var go = var(Type.BOOL);
        inner.instrs().add(new Instr.Compare(go, CmpOp.LT, l, Const.of(k)));
        inner.setTerm(new Terminator.Branch(go, step.id(), store.id()));

        Var ai = var(Type.INT), bi = var(Type.INT), a = var(Type.FLOAT), b = var(Type.FLOAT);
        step.instrs().add(new Instr.Binary(ai, BinOp.MUL, i, Const.of(lda)));
        step.instrs().add(new Instr.Binary(ai, BinOp.ADD, ai, l));
        step.instrs().add(new Instr.Binary(bi, BinOp.MUL, l, Const.of(ldb)));
        step.instrs().add(new Instr.Binary(bi, BinOp.ADD, bi, j));
        step.instrs().add(new Instr.Load(a, g.a(), ai));
        step.instrs().add(new Instr.Load(b, g.b(), bi));
        step.instrs().add(new Instr.Call(s, MathFn.FMA, List.of(a, b, s)));
        step.instrs().add(new Instr.Binary(l, BinOp.ADD, l, Const.of(1)));
        step.setTerm(new Terminator.Jump(inner.id()));

        store.instrs().add(new Instr.Store(g.c(), ci, s));
        store.instrs().add(new Instr.Binary(e, BinOp.ADD, e, groupSize));
        store.setTerm(new Terminator.Jump(outer.id()));

        after.instrs().add(new Instr.Barrier());
        return after;
    }
}
