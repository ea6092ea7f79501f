package dev.mamba2j.kernels.linalg;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * A linear layer over few rows (decoding, rows ≤ 32): y (rows, out) = x (rows, in) · Wᵀ (+ bias), W (out, in)
 * fp32 or bf16, x and y fp32, accumulated in fp32. With so few rows the layer is bound by reading W, so
 * each element of W is read once per call, for all rows together.
 *
 * <p>Each warp owns {@link #OUTS} consecutive outputs. Its 32 work-items walk along {@code in} side by
 * side, so that a warp reads 32 consecutive elements of each of its 4 rows of W at a time (coalesced),
 * and keep one fp32 sum per (output, row) in registers: each x[r, i] read serves 4 outputs, each W
 * element all rows. x is small and read by every warp, from L1/L2. The 32 partial sums of each
 * (output, row) are then added through local memory. {@code rows} sizes the private sums, so the JIT
 * compiles one kernel per row count, with the loops over rows unrolled.
 *
 * <p>Bytes from memory per call: out·in·(4 or 2) of W, plus y (rows·out·4); x's rows·in·4 bytes come
 * from the caches once per warp. The work per W element is rows multiply-adds, and per 4 W elements
 * 4 + rows loads: up to about 8 rows the kernel is bound by memory bandwidth; past that the
 * multiply-adds and x's loads catch up and {@link Linear}'s tensor cores are the better choice.
 */
public final class LinearDecode {
    /** Work-items per warp, warps per work-group, outputs per warp (the four named sums of the kernels). */
    public static final int WARP = 32, WARPS = 4, THREADS = WARP * WARPS, OUTS = 4;
    /** Row stride of the partial sums in local memory: one more than a warp, so that a warp's reads fall in distinct banks. */
    static final int PAD = WARP + 1;

    private LinearDecode() {}

    /** Work-groups for {@code out} outputs: grid global THREADS·groups(out) (1D), local THREADS. */
    public static int groups(int out) { return (out + WARPS * OUTS - 1) / (WARPS * OUTS); }

    /** W fp32. Grid: global {@link #THREADS}·{@link #groups}(out) (1D), local THREADS. hasBias false ignores bias. */
    @Kernel
    public static void linear(KernelContext ctx, FloatArray x, FloatArray w, FloatArray bias, FloatArray y,
                              int rows, int in, int out, boolean hasBias) {
        float[] acc0 = new float[rows], acc1 = new float[rows], acc2 = new float[rows], acc3 = new float[rows];
        float[] partial = ctx.allocateFloatLocalArray(WARPS * rows * PAD);
        int o = (ctx.groupIdx * WARPS + ctx.localIdx / WARP) * OUTS; // the warp's first output
        int w0 = Math.min(o, out - 1) * in, w1 = Math.min(o + 1, out - 1) * in; // its rows of W, clamped into W
        int w2 = Math.min(o + 2, out - 1) * in, w3 = Math.min(o + 3, out - 1) * in;
        for (int i = ctx.localIdx % WARP; i < in; i += WARP)
            multiplyAdd(x, i, in, w.get(w0 + i), w.get(w1 + i), w.get(w2 + i), w.get(w3 + i), acc0, acc1, acc2, acc3);
        store(ctx, acc0, partial, bias, hasBias, y, o, out);
        store(ctx, acc1, partial, bias, hasBias, y, o + 1, out);
        store(ctx, acc2, partial, bias, hasBias, y, o + 2, out);
        store(ctx, acc3, partial, bias, hasBias, y, o + 3, out);
    }

    /** W bf16, read as 16-bit elements and widened exactly. Same grid as {@link #linear}. */
    @Kernel
    public static void linearBf16(KernelContext ctx, FloatArray x, BFloat16Array w, FloatArray bias, FloatArray y,
                                  int rows, int in, int out, boolean hasBias) {
        float[] acc0 = new float[rows], acc1 = new float[rows], acc2 = new float[rows], acc3 = new float[rows];
        float[] partial = ctx.allocateFloatLocalArray(WARPS * rows * PAD);
        int o = (ctx.groupIdx * WARPS + ctx.localIdx / WARP) * OUTS;
        int w0 = Math.min(o, out - 1) * in, w1 = Math.min(o + 1, out - 1) * in;
        int w2 = Math.min(o + 2, out - 1) * in, w3 = Math.min(o + 3, out - 1) * in;
        for (int i = ctx.localIdx % WARP; i < in; i += WARP)
            multiplyAdd(x, i, in, w.get(w0 + i), w.get(w1 + i), w.get(w2 + i), w.get(w3 + i), acc0, acc1, acc2, acc3);
        store(ctx, acc0, partial, bias, hasBias, y, o, out);
        store(ctx, acc1, partial, bias, hasBias, y, o + 1, out);
        store(ctx, acc2, partial, bias, hasBias, y, o + 2, out);
        store(ctx, acc3, partial, bias, hasBias, y, o + 3, out);
    }

    /** accQ[r] += wQ · x[r, i] for the warp's four outputs Q and every row r. */
    private static void multiplyAdd(FloatArray x, int i, int in, float w0, float w1, float w2, float w3,
                                    float[] acc0, float[] acc1, float[] acc2, float[] acc3) {
        for (int r = 0; r < acc0.length; r++) {
            float xv = x.get(r * in + i);
            acc0[r] = Math.fma(w0, xv, acc0[r]);
            acc1[r] = Math.fma(w1, xv, acc1[r]);
            acc2[r] = Math.fma(w2, xv, acc2[r]);
            acc3[r] = Math.fma(w3, xv, acc3[r]);
        }
    }

    /**
     * y[r, o] = Σ over the warp's 32 work-items of acc[r] (+ bias[o]), through local memory; a barrier
     * before and after, as every warp of the group passes here together. Nothing is stored past out.
     */
    private static void store(KernelContext ctx, float[] acc, float[] partial, FloatArray bias, boolean hasBias, FloatArray y,
                              int o, int out) {
        int rows = acc.length, lane = ctx.localIdx % WARP, base = ctx.localIdx / WARP * rows;
        for (int r = 0; r < rows; r++) partial[(base + r) * PAD + lane] = acc[r];
        ctx.localBarrier();
        for (int r = lane; r < rows; r += WARP) {
            float s = 0f;
            for (int j = 0; j < WARP; j++) s += partial[(base + r) * PAD + j];
            if (o < out) y.set(r * out + o, hasBias ? s + bias.get(o) : s);
        }
        ctx.localBarrier();
    }
}
