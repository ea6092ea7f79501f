package dev.mamba2j.kernels.linalg;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * A linear layer over few rows (decoding, rows ≤ {@link #MAX_ROWS}): y (rows, out) = x (rows, in) · Wᵀ (+ bias),
 * W (out, in) fp32 or bf16, x and y fp32, accumulated in fp32. With so few rows the layer is bound by
 * reading W, so each element of W is read once per call, for all rows together.
 *
 * <p>A work-group of {@link #threads}(rows) work-items owns {@link #OUTS} consecutive outputs and walks
 * along {@code in} with its work-items side by side (a warp reads consecutive elements of a row of W,
 * coalesced), {@link #unroll}(rows) columns a pass: OUTS·unroll loads of W in flight per work-item, which
 * is what keeps enough bytes in flight to approach the memory bandwidth when there is one row. Each
 * work-item keeps an fp32 sum per (output, row) in registers; an x[r, i] read (from L1/L2: x is small)
 * serves OUTS outputs, a W element all rows. The sums are then added across the work-group by a tree
 * in local memory, every (output, row) at once. {@code rows}, {@code threads} and {@code unroll} size the
 * private and local arrays, so the JIT compiles one kernel per row count, its loops unrolled.
 *
 * <p>Bytes from memory per call: out·in·(4 or 2) of W, plus y. Work per W element: rows multiply-adds
 * and 1 + rows/OUTS loads; up to about 8 rows (bf16 W) the kernel is bound by memory bandwidth, past
 * that by the loads of x and the multiply-adds, which still beats tensor-core tiles of 64 rows that
 * are mostly empty.
 */
public final class LinearDecode {
    /** Outputs per work-group, and the most rows. */
    public static final int OUTS = 4, MAX_ROWS = 32;

    private LinearDecode() {}

    /** Work-groups for {@code out} outputs: grid global threads(rows)·groups(out) (1D), local threads(rows). */
    public static int groups(int out) { return (out + OUTS - 1) / OUTS; }

    /** Work-items per work-group for a row count: fewer as rows grow, so the OUTS·rows·threads sums fit in 32 KiB of local memory. */
    public static int threads(int rows) {
        if (rows < 1 || rows > MAX_ROWS) throw new IllegalArgumentException("rows must be in [1, " + MAX_ROWS + "], got " + rows);
        return rows <= 8 ? 256 : rows <= 16 ? 128 : 64;
    }

    /**
     * Columns per work-item and pass (pairs of columns for {@link #linearBf16Pairs}) for a row count and
     * {@code columns} columns: as few passes as allow at most 8 (4 past 4 rows, 2 past 8, 1 past 16, where the loads of x
     * keep enough in flight and the unrolled pass would outgrow what the JIT unrolls), spread evenly, so
     * that no pass runs mostly masked (2,560 columns: one pass of 5 pairs instead of 1¼ passes of 4).
     */
    public static int unroll(int rows, int columns) {
        int threads = threads(rows), most = rows <= 4 ? 8 : rows <= 8 ? 4 : rows <= 16 ? 2 : 1;
        int passes = Math.max(1, (columns + threads * most - 1) / (threads * most));
        return Math.max(1, (columns + threads * passes - 1) / (threads * passes));
    }

    /**
     * W fp32. Grid: global threads(rows)·{@link #groups}(out) (1D), local {@link #threads}(rows); unroll =
     * {@link #unroll}(rows). hasBias false ignores bias.
     */
    @Kernel
    public static void linear(KernelContext ctx, FloatArray x, FloatArray w, FloatArray bias, FloatArray y,
                              int rows, int in, int out, boolean hasBias, int threads, int unroll) {
        float[] acc = new float[OUTS * rows];
        float[] wv = new float[OUTS * unroll];
        float[] sums = ctx.allocateFloatLocalArray(OUTS * rows * threads);
        int o = ctx.groupIdx * OUTS;
        for (int i0 = ctx.localIdx; i0 < in; i0 += unroll * threads) {
            for (int k = 0; k < wv.length; k++) wv[k] = w.get(row(o + k % OUTS, out, in) + column(i0 + k / OUTS * threads, in));
            multiplyAdd(x, wv, acc, i0, in, threads);
        }
        store(ctx, acc, sums, bias, hasBias, y, o, out, threads);
    }

    /** W bf16, read as 16-bit elements and widened exactly. Same grid as {@link #linear}. */
    @Kernel
    public static void linearBf16(KernelContext ctx, FloatArray x, BFloat16Array w, FloatArray bias, FloatArray y,
                                  int rows, int in, int out, boolean hasBias, int threads, int unroll) {
        float[] acc = new float[OUTS * rows];
        float[] wv = new float[OUTS * unroll];
        float[] sums = ctx.allocateFloatLocalArray(OUTS * rows * threads);
        int o = ctx.groupIdx * OUTS;
        for (int i0 = ctx.localIdx; i0 < in; i0 += unroll * threads) {
            for (int k = 0; k < wv.length; k++) wv[k] = w.get(row(o + k % OUTS, out, in) + column(i0 + k / OUTS * threads, in));
            multiplyAdd(x, wv, acc, i0, in, threads);
        }
        store(ctx, acc, sums, bias, hasBias, y, o, out, threads);
    }

    /**
     * W bf16 read two elements a load: w is W's memory as ints ({@code IntArray.view} of the bf16 array), so
     * each load brings columns 2i and 2i + 1 (low half, high half) and the loads in flight carry twice the
     * bytes. {@code in} even. Same grid as {@link #linear}.
     */
    @Kernel
    public static void linearBf16Pairs(KernelContext ctx, FloatArray x, IntArray w, FloatArray bias, FloatArray y,
                                       int rows, int in, int out, boolean hasBias, int threads, int unroll) {
        float[] acc = new float[OUTS * rows];
        float[] wv = new float[2 * OUTS * unroll];
        float[] sums = ctx.allocateFloatLocalArray(OUTS * rows * threads);
        int o = ctx.groupIdx * OUTS, pairs = in / 2;
        for (int i0 = ctx.localIdx; i0 < pairs; i0 += unroll * threads) {
            for (int k = 0; k < OUTS * unroll; k++) {
                int bits = w.get(row(o + k % OUTS, out, pairs) + column(i0 + k / OUTS * threads, pairs));
                wv[2 * k] = Float.intBitsToFloat(bits << 16);
                wv[2 * k + 1] = Float.intBitsToFloat(bits & 0xffff0000);
            }
            multiplyAddPairs(x, wv, acc, i0, in, threads);
        }
        store(ctx, acc, sums, bias, hasBias, y, o, out, threads);
    }

    /** Start of W's row for output q, clamped into W (outputs past the end compute and store nothing). */
    private static int row(int q, int out, int in) { return Math.min(q, out - 1) * in; }

    /** Column i clamped into the row (columns past the end are masked in {@link #multiplyAdd}). */
    private static int column(int i, int in) { return Math.min(i, in - 1); }

    /** acc[q·rows + r] += W[o + q, i] · x[r, i] over the pass's columns i = i0 + u·threads; x counts as zero past in. */
    private static void multiplyAdd(FloatArray x, float[] wv, float[] acc, int i0, int in, int threads) {
        int rows = acc.length / OUTS;
        for (int u = 0; u < wv.length / OUTS; u++) {
            int i = i0 + u * threads;
            for (int r = 0; r < rows; r++) {
                float xv = x.get(r * in + column(i, in));
                xv = i < in ? xv : 0f;
                for (int q = 0; q < OUTS; q++) acc[q * rows + r] = Math.fma(wv[u * OUTS + q], xv, acc[q * rows + r]);
            }
        }
    }

    /** As {@link #multiplyAdd} over the pass's pairs of columns p = i0 + u·threads: columns 2p and 2p + 1, weights in wv[2k], wv[2k + 1]. */
    private static void multiplyAddPairs(FloatArray x, float[] wv, float[] acc, int i0, int in, int threads) {
        int rows = acc.length / OUTS, pairs = in / 2;
        for (int u = 0; u < wv.length / (2 * OUTS); u++) {
            int p = i0 + u * threads, at = 2 * column(p, pairs);
            for (int r = 0; r < rows; r++) {
                float x0 = x.get(r * in + at), x1 = x.get(r * in + at + 1);
                x0 = p < pairs ? x0 : 0f;
                x1 = p < pairs ? x1 : 0f;
                for (int q = 0; q < OUTS; q++) {
                    int k = 2 * (u * OUTS + q);
                    acc[q * rows + r] = Math.fma(wv[k + 1], x1, Math.fma(wv[k], x0, acc[q * rows + r]));
                }
            }
        }
    }

    /**
     * y[r, o + q] = Σ over the work-group of acc[q·rows + r] (+ bias[o + q]): a pairwise tree in local memory
     * over every (output, row) at once, a barrier a level; nothing is stored past out.
     */
    private static void store(KernelContext ctx, float[] acc, float[] sums, FloatArray bias, boolean hasBias,
                              FloatArray y, int o, int out, int threads) {
        int tid = ctx.localIdx, rows = acc.length / OUTS;
        for (int k = 0; k < acc.length; k++) sums[k * threads + tid] = acc[k];
        for (int half = threads / 2; half > 0; half >>= 1) {
            ctx.localBarrier();
            if (tid < half) for (int k = 0; k < acc.length; k++) sums[k * threads + tid] += sums[k * threads + tid + half];
        }
        ctx.localBarrier();
        for (int k = tid; k < acc.length; k += threads) {
            int q = k / rows, r = k % rows;
            float s = sums[k * threads];
            if (o + q < out) y.set(r * out + o + q, hasBias ? s + bias.get(o + q) : s);
        }
    }
}
