package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.WarpTiles;
import dev.mamba2j.tornado.emit.spirv.Grammar.Capability;
import dev.mamba2j.tornado.emit.spirv.Grammar.CooperativeMatrixLayout;
import dev.mamba2j.tornado.emit.spirv.Grammar.CooperativeMatrixUse;
import dev.mamba2j.tornado.emit.spirv.Grammar.FPEncoding;
import dev.mamba2j.tornado.emit.spirv.Grammar.LoopControl;
import dev.mamba2j.tornado.emit.spirv.Grammar.MemoryAccess;
import dev.mamba2j.tornado.emit.spirv.Grammar.Op;
import dev.mamba2j.tornado.emit.spirv.Grammar.Scope;
import dev.mamba2j.tornado.emit.spirv.Grammar.SelectionControl;
import dev.mamba2j.tornado.emit.spirv.Grammar.StorageClass;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Space;

import java.util.List;

/**
 * {@code KernelContext.localGemm} on a Vulkan device's matrix units (SPV_KHR_cooperative_matrix), with
 * 16×16×16 bfloat16 products accumulated in fp32. An fp32 operand x is split into bfloat16 pieces, each
 * the rounding of what the ones before it leave: x = h₁ + h₂ + h₃ + r, |r| ≤ 2⁻²⁷|x|. The fp32 product
 * sums the six piece products down to order 2⁻¹⁶ (h₃a·h₁b, h₂a·h₂b, h₁a·h₃b, h₂a·h₁b, h₁a·h₂b, h₁a·h₁b,
 * smallest first), which is as close as fp32 fma; the TF32 product ({@code localGemmTf32}) takes two
 * pieces and three products (relative error near 2⁻¹⁶, finer than TF32's 2⁻¹¹).
 *
 * <p>Each subgroup owns warp tiles of C in turn ({@link WarpTiles}), loads its
 * accumulators once, runs the whole reduction unrolled, and stores them back; the tiles go round
 * the subgroups by SubgroupId. The operands are loaded from the work-group arrays as fp32 matrices
 * and split there, element-wise on the matrices. Rows must start 16-byte aligned, so every stride is
 * a multiple of 4 floats ({@link #fits}); a localGemm that does not fit takes {@link GemmLoops}.
 * The module then uses the Vulkan memory model, as the extension requires of shaders.
 */
final class CooperativeGemm {
    static final int SIDE = 16;

    private final KernelWriter w;
    private final Code c;
    private final Types t;

    CooperativeGemm(KernelWriter w) {
        this.w = w;
        this.c = w.c;
        this.t = w.t;
    }

    /** Whether this localGemm runs on the device's matrix units: it has the bf16 product and the shape tiles it. */
    static boolean fits(Instr.Gemm g, CooperativeMatrices matrices) {
        if (matrices.bf16Product() == null) return false;
        for (ArrayRef a : List.of(g.a(), g.b(), g.c())) if (a.space() != Space.LOCAL || a.elem() != ElemType.FLOAT) return false;
        for (Operand o : List.of(g.m(), g.n(), g.k())) if (!(o instanceof Const k) || k.asInt() % SIDE != 0) return false;
        for (Operand o : List.of(g.lda(), g.ldb(), g.ldc())) if (!(o instanceof Const k) || k.asInt() % 4 != 0) return false;
        return true;
    }

    private static int constant(Operand o) { return ((Const) o).asInt(); }

    /**
     * The product between two barriers, written inline: its loops are blocks of their own after the current one.
     * {@code tf32} is the flag's value, read where it is not a constant.
     */
    void emit(Instr.Gemm g, int tf32, Runnable barrier) {
        declare();
        barrier.run();
        int pre = c.m.id();
        c.stmt(Op.Branch, pre);
        c.stmt(Op.Label, pre);
        int subgroup = c.load(t.i32(), w.scalarBuiltin(Grammar.BuiltIn.SubgroupId));
        int subgroups = c.load(t.i32(), w.scalarBuiltin(Grammar.BuiltIn.NumSubgroups));
        if (g.tf32() instanceof Const k) {
            tiles(g, k.asBool() ? 2 : 3, pre, subgroup, subgroups);
        } else {
            // a flag known only at run time (uniform over the group): both products, one chosen
            int two = c.m.id(), three = c.m.id(), merge = c.m.id();
            c.stmt(Op.SelectionMerge, merge, SelectionControl.NONE);
            c.stmt(Op.BranchConditional, tf32, two, three);
            c.stmt(Op.Label, two);
            tiles(g, 2, two, subgroup, subgroups);
            c.stmt(Op.Branch, merge);
            c.stmt(Op.Label, three);
            tiles(g, 3, three, subgroup, subgroups);
            c.stmt(Op.Branch, merge);
            c.stmt(Op.Label, merge);
        }
        barrier.run();
    }

    private void declare() {
        w.m.capability(Capability.CooperativeMatrixKHR);
        w.m.capability(Capability.BFloat16TypeKHR);
        w.m.capability(Capability.BFloat16CooperativeMatrixKHR);
        w.m.capability(Capability.GroupNonUniform);
        w.m.extension("SPV_KHR_cooperative_matrix");
        w.m.extension("SPV_KHR_bfloat16");
    }

    /**
     * The loop over warp tiles, entered from the block labelled {@code entry}: tile = subgroup, then
     * + subgroups while below the count (an OpPhi carries it round).
     */
    private void tiles(Instr.Gemm g, int pieces, int entry, int subgroup, int subgroups) {
        int m = constant(g.m()), n = constant(g.n()), k = constant(g.k());
        int lda = constant(g.lda()), ldb = constant(g.ldb()), ldc = constant(g.ldc());
        WarpTiles warp = WarpTiles.of(m, n, SIDE);
        int wm = warp.m(), wn = warp.n(), mt = wm / SIDE, nt = wn / SIDE;
        int across = warp.across(n), count = warp.count(m, n);
        int header = c.m.id(), body = c.m.id(), cont = c.m.id(), merge = c.m.id();
        int tile = c.m.id(), next = c.m.id();
        c.stmt(Op.Branch, header);
        c.stmt(Op.Label, header);
        c.stmt(Op.Phi, t.i32(), tile, subgroup, entry, next, cont);
        int more = c.op(Op.SLessThan, t.bool(), tile, t.constInt(count));
        c.stmt(Op.LoopMerge, merge, cont, LoopControl.NONE);
        c.stmt(Op.BranchConditional, more, body, merge);
        c.stmt(Op.Label, body);
        int row = c.op(Op.IMul, t.i32(), c.op(Op.SDiv, t.i32(), tile, t.constInt(across)), t.constInt(wm));
        int col = c.op(Op.IMul, t.i32(), c.op(Op.SRem, t.i32(), tile, t.constInt(across)), t.constInt(wn));

        int accType = matrix(t.f32(), CooperativeMatrixUse.MatrixAccumulatorKHR);
        int[][] acc = new int[mt][nt];
        int[][] cPtr = new int[mt][nt];
        for (int i = 0; i < mt; i++)
            for (int j = 0; j < nt; j++) {
                cPtr[i][j] = pointer(g.c(), row, SIDE * i, ldc, col, SIDE * j);
                acc[i][j] = load(accType, cPtr[i][j], ldc);
            }
        for (int kk = 0; kk < k; kk += SIDE) {
            int[][] a = new int[mt][], b = new int[nt][];
            for (int i = 0; i < mt; i++)
                a[i] = split(load(matrix(t.f32(), CooperativeMatrixUse.MatrixAKHR), pointer(g.a(), row, SIDE * i, lda, null, kk), lda),
                        CooperativeMatrixUse.MatrixAKHR, pieces);
            for (int j = 0; j < nt; j++)
                b[j] = split(load(matrix(t.f32(), CooperativeMatrixUse.MatrixBKHR), pointer(g.b(), null, kk, ldb, col, SIDE * j), ldb),
                        CooperativeMatrixUse.MatrixBKHR, pieces);
            for (int i = 0; i < mt; i++)
                for (int j = 0; j < nt; j++)
                    for (int[] p : products(pieces)) acc[i][j] = c.op(Op.CooperativeMatrixMulAddKHR, accType, a[i][p[0]], b[j][p[1]], acc[i][j]);
        }
        for (int i = 0; i < mt; i++)
            for (int j = 0; j < nt; j++)
                c.stmt(Op.CooperativeMatrixStoreKHR, cPtr[i][j], acc[i][j], t.constInt(CooperativeMatrixLayout.RowMajorKHR), t.constInt(ldc),
                        MemoryAccess.NonPrivatePointer);
        c.stmt(Op.Branch, cont);
        c.stmt(Op.Label, cont);
        c.m.code.inst(Op.IAdd, t.i32(), next, tile, subgroups);
        c.stmt(Op.Branch, header);
        c.stmt(Op.Label, merge);
    }

    /** The piece pairs (of A, of B) summed, smallest first: two pieces give three products, three give six. */
    private static int[][] products(int pieces) {
        return pieces == 2 ? new int[][] {{1, 0}, {0, 1}, {0, 0}} : new int[][] {{2, 0}, {1, 1}, {0, 2}, {1, 0}, {0, 1}, {0, 0}};
    }

    /** x as bfloat16 pieces, each the rounding of what the pieces before it leave. */
    private int[] split(int x, int use, int pieces) {
        int f32 = matrix(t.f32(), use), bf16 = matrix(bf16(), use);
        int[] out = new int[pieces];
        int rest = x;
        for (int p = 0; p < pieces; p++) {
            out[p] = c.op(Op.FConvert, bf16, rest);
            if (p + 1 < pieces) rest = c.op(Op.FSub, f32, rest, c.op(Op.FConvert, f32, out[p]));
        }
        return out;
    }

    private int load(int type, int pointer, int stride) {
        return c.op(Op.CooperativeMatrixLoadKHR, type, pointer, t.constInt(CooperativeMatrixLayout.RowMajorKHR), t.constInt(stride),
                MemoryAccess.NonPrivatePointer);
    }

    /** &array[(row + rowDelta)·ld + col + colDelta], a null row or column counting as 0. */
    private int pointer(ArrayRef a, Integer row, int rowDelta, int ld, Integer col, int colDelta) {
        int index = t.constInt(rowDelta * ld + colDelta);
        if (row != null) index = c.add(c.op(Op.IMul, t.i32(), row, t.constInt(ld)), index);
        if (col != null) index = c.add(index, col);
        return c.op(Op.AccessChain, t.pointer(StorageClass.Workgroup, t.f32()), w.arrays.get(a), index);
    }

    private int bf16() { return w.m.global(Op.TypeFloat, "bf16", 16, FPEncoding.BFloat16KHR); }

    /** A 16×16 subgroup matrix of this component type and use. */
    private int matrix(int component, int use) {
        return w.m.global(Op.TypeCooperativeMatrixKHR, List.of("coop", component, use), component, t.constInt(Scope.Subgroup),
                t.constInt(SIDE), t.constInt(SIDE), t.constInt(use));
    }
}
