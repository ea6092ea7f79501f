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
 * <p>A work-group of {@link #THREADS} owns {@link #OUTS} consecutive outputs and walks along {@code in}
 * with its work-items side by side (a warp reads 32 consecutive elements of a row of W at a time,
 * coalesced), two columns a pass: eight loads of W in flight per work-item. Each work-item keeps one
 * fp32 sum per (output, row) in registers: an x[r, i] read serves four outputs, a W element all rows; x
 * is small and read by every group, from L1/L2. The THREADS partial sums of each (output, row) are then
 * added through local memory, first within each warp, then across the warps. {@code rows} sizes the
 * private sums, so the JIT compiles one kernel per row count, with the loops over rows unrolled.
 *
 * <p>Bytes from memory per call: out·in·(4 or 2) of W, plus y (rows·out·4); x's rows·in·4 bytes come
 * from the caches once per group. Work per W element: rows multiply-adds, and 1 + rows/4 loads. Up to
 * about 8 rows (bf16 W; 16 for fp32) the kernel is bound by memory bandwidth; past that the fp32
 * multiply-adds catch up, and {@link Linear}'s tensor cores take over somewhere past 16.
 */
public final class LinearDecode {
    /** Work-items per warp, warps per work-group, outputs per work-group (the four named sums of the kernels). */
    public static final int WARP = 32, WARPS = 4, THREADS = WARP * WARPS, OUTS = 4;
    /** Row stride of the partial sums in local memory: one more than a group, so that a warp's reads fall in distinct banks. */
    static final int PAD = THREADS + 1;

    private LinearDecode() {}

    /** Work-groups for {@code out} outputs: grid global THREADS·groups(out) (1D), local THREADS. */
    public static int groups(int out) { return (out + OUTS - 1) / OUTS; }

    /** W fp32. Grid: global {@link #THREADS}·{@link #groups}(out) (1D), local THREADS. hasBias false ignores bias. */
    @Kernel
    public static void linear(KernelContext ctx, FloatArray x, FloatArray w, FloatArray bias, FloatArray y,
                              int rows, int in, int out, boolean hasBias) {
        float[] acc0 = new float[rows], acc1 = new float[rows], acc2 = new float[rows], acc3 = new float[rows];
        float[] partial = ctx.allocateFloatLocalArray(rows * PAD);
        float[] warpSums = ctx.allocateFloatLocalArray(rows * WARPS);
        int o = ctx.groupIdx * OUTS;
        int w0 = Math.min(o, out - 1) * in, w1 = Math.min(o + 1, out - 1) * in; // the group's rows of W, clamped into W
        int w2 = Math.min(o + 2, out - 1) * in, w3 = Math.min(o + 3, out - 1) * in;
        for (int i = ctx.localIdx; i < in; i += 2 * THREADS) {
            int j = Math.min(i + THREADS, in - 1); // the pass's second column, clamped (masked below when past in)
            float a0 = w.get(w0 + i), a1 = w.get(w1 + i), a2 = w.get(w2 + i), a3 = w.get(w3 + i);
            float b0 = w.get(w0 + j), b1 = w.get(w1 + j), b2 = w.get(w2 + j), b3 = w.get(w3 + j);
            multiplyAdd(x, i, in, true, a0, a1, a2, a3, acc0, acc1, acc2, acc3);
            multiplyAdd(x, j, in, i + THREADS < in, b0, b1, b2, b3, acc0, acc1, acc2, acc3);
        }
        store(ctx, acc0, partial, warpSums, bias, hasBias, y, o, out);
        store(ctx, acc1, partial, warpSums, bias, hasBias, y, o + 1, out);
        store(ctx, acc2, partial, warpSums, bias, hasBias, y, o + 2, out);
        store(ctx, acc3, partial, warpSums, bias, hasBias, y, o + 3, out);
    }

    /** W bf16, read as 16-bit elements and widened exactly. Same grid as {@link #linear}. */
    @Kernel
    public static void linearBf16(KernelContext ctx, FloatArray x, BFloat16Array w, FloatArray bias, FloatArray y,
                                  int rows, int in, int out, boolean hasBias) {
        float[] acc0 = new float[rows], acc1 = new float[rows], acc2 = new float[rows], acc3 = new float[rows];
        float[] partial = ctx.allocateFloatLocalArray(rows * PAD);
        float[] warpSums = ctx.allocateFloatLocalArray(rows * WARPS);
        int o = ctx.groupIdx * OUTS;
        int w0 = Math.min(o, out - 1) * in, w1 = Math.min(o + 1, out - 1) * in;
        int w2 = Math.min(o + 2, out - 1) * in, w3 = Math.min(o + 3, out - 1) * in;
        for (int i = ctx.localIdx; i < in; i += 2 * THREADS) {
            int j = Math.min(i + THREADS, in - 1);
            float a0 = w.get(w0 + i), a1 = w.get(w1 + i), a2 = w.get(w2 + i), a3 = w.get(w3 + i);
            float b0 = w.get(w0 + j), b1 = w.get(w1 + j), b2 = w.get(w2 + j), b3 = w.get(w3 + j);
            multiplyAdd(x, i, in, true, a0, a1, a2, a3, acc0, acc1, acc2, acc3);
            multiplyAdd(x, j, in, i + THREADS < in, b0, b1, b2, b3, acc0, acc1, acc2, acc3);
        }
        store(ctx, acc0, partial, warpSums, bias, hasBias, y, o, out);
        store(ctx, acc1, partial, warpSums, bias, hasBias, y, o + 1, out);
        store(ctx, acc2, partial, warpSums, bias, hasBias, y, o + 2, out);
        store(ctx, acc3, partial, warpSums, bias, hasBias, y, o + 3, out);
    }

    /** accQ[r] += wQ · x[r, i] for the group's four outputs Q and every row r; x counts as zero when not {@code valid}. */
    private static void multiplyAdd(FloatArray x, int i, int in, boolean valid, float w0, float w1, float w2, float w3,
                                    float[] acc0, float[] acc1, float[] acc2, float[] acc3) {
        for (int r = 0; r < acc0.length; r++) {
            float xv = x.get(r * in + i);
            xv = valid ? xv : 0f;
            acc0[r] = Math.fma(w0, xv, acc0[r]);
            acc1[r] = Math.fma(w1, xv, acc1[r]);
            acc2[r] = Math.fma(w2, xv, acc2[r]);
            acc3[r] = Math.fma(w3, xv, acc3[r]);
        }
    }

    /**
     * y[r, o] = Σ over the group's work-items of acc[r] (+ bias[o]), through local memory: lane r of each warp
     * adds its warp's 32 sums of row r, then work-item r adds the warps'. Barriers only where the whole group
     * passes; nothing is stored past out.
     */
    private static void store(KernelContext ctx, float[] acc, float[] partial, float[] warpSums, FloatArray bias, boolean hasBias,
                              FloatArray y, int o, int out) {
        int rows = acc.length, tid = ctx.localIdx, lane = tid % WARP, warp = tid / WARP;
        for (int r = 0; r < rows; r++) partial[r * PAD + tid] = acc[r];
        ctx.localBarrier();
        for (int r = lane; r < rows; r += WARP) {
            float s = 0f;
            for (int k = 0; k < WARP; k++) s += partial[r * PAD + warp * WARP + k];
            warpSums[r * WARPS + warp] = s;
        }
        ctx.localBarrier();
        for (int r = tid; r < rows; r += THREADS) {
            float s = 0f;
            for (int k = 0; k < WARPS; k++) s += warpSums[r * WARPS + k];
            if (o < out) y.set(r * out + o, hasBias ? s + bias.get(o) : s);
        }
    }
}
