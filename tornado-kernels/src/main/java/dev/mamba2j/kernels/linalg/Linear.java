package dev.mamba2j.kernels.linalg;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * A linear layer over many rows (prefill): y (rows, out) = x (rows, in) · Wᵀ (+ bias), with W (out, in)
 * as PyTorch stores it, x and y fp32, W fp32 or bf16, accumulated in fp32.
 *
 * <p>A work-group of {@link #THREADS} owns a {@link #TILE}×{@link #TILE} tile of y, accumulated in
 * local memory, and walks along {@code in} in steps of {@link #STEP}: it stages x[rows, step]
 * (TILE×STEP) and W[cols, step] transposed (STEP×TILE), zero outside the bounds so that no size need be
 * a multiple of a tile, and adds their product with {@code KernelContext.localGemm} (tensor cores on
 * NVIDIA GPUs). Each work-item stages one column of each slice, every fourth row: a warp reads 32
 * consecutive elements of a row of x or W. All of a step's loads are issued first, from clamped
 * addresses, then masked as they are stored ({@link #load}). Local memory: 36 KiB (fp32 W), 45 KiB (bf16 W).
 */
public final class Linear {
    /** Output tile side, work-items per group (four warps), reduction step. */
    public static final int TILE = 64, THREADS = 128, STEP = 32;
    /** Padded row strides (≡ 4 and ≡ 8 mod 32 floats) that keep the tensor cores' fragment reads free of bank conflicts. */
    public static final int LDA = STEP + 4, LDB = TILE + 8, LDC = TILE + 8;
    /** Local memory a work-group takes: the x tile, the W step and the accumulated y tile. */
    public static final long LOCAL_BYTES = 4L * (TILE * LDA + STEP * LDB + TILE * LDC);
    /** The same for {@link #linearBf16}, which stages x twice (its TF32 hi and lo parts). */
    public static final long BF16_LOCAL_BYTES = LOCAL_BYTES + 4L * TILE * LDA;
    /** Staging: a work-item fills column tid % STEP of a TILE×STEP slice, rows tid / STEP + ROWS_APART·r for r &lt; PASSES. */
    static final int ROWS_APART = THREADS / STEP, PASSES = TILE / ROWS_APART;

    private Linear() {}

    /**
     * W fp32: the product keeps fp32 accuracy (split TF32 on tensor cores).
     * Grid: global (THREADS·⌈rows/TILE⌉, ⌈out/TILE⌉) (2D; a group per tile, row tiles first so the groups
     * running together share W's tiles), local (THREADS, 1). hasBias false ignores bias (pass any array).
     */
    @Kernel
    public static void linear(KernelContext ctx, FloatArray x, FloatArray w, FloatArray bias, FloatArray y,
                              int rows, int in, int out, boolean hasBias) {
        int row0 = ctx.groupIdx * TILE, col0 = ctx.groupIdy * TILE;
        int tid = ctx.localIdx, kw = tid % STEP, r0 = tid / STEP;
        float[] xTile = ctx.allocateFloatLocalArray(TILE * LDA);
        float[] wTile = ctx.allocateFloatLocalArray(STEP * LDB);
        float[] acc = ctx.allocateFloatLocalArray(TILE * LDC);
        float[] vals = new float[PASSES];
        zero(acc, tid);
        for (int k0 = 0; k0 < in; k0 += STEP) {
            boolean kIn = k0 + kw < in;
            int k = Math.min(k0 + kw, in - 1);
            load(x, k, in, row0 + r0, rows - 1, vals);
            for (int r = 0; r < PASSES; r++) {
                int i = r0 + ROWS_APART * r;
                float v = vals[r]; // read before the select: a load behind it would stay behind a branch
                xTile[i * LDA + kw] = kIn & row0 + i < rows ? v : 0f;
            }
            load(w, k, in, col0 + r0, out - 1, vals);
            for (int r = 0; r < PASSES; r++) {
                int n = r0 + ROWS_APART * r;
                float v = vals[r];
                wTile[kw * LDB + n] = kIn & col0 + n < out ? v : 0f;
            }
            ctx.localGemm(TILE, TILE, STEP, xTile, LDA, wTile, LDB, acc, LDC);
        }
        store(acc, bias, hasBias, y, tid, row0, col0, rows, out);
    }

    /**
     * W bf16. TF32 holds bf16 exactly, so the tensor cores' single TF32 product is exact on the W side;
     * x is split as x = hi + lo with hi = x truncated to TF32 (exact) and lo = x − hi (exact in fp32,
     * |lo| &lt; 2⁻¹⁰|x|, so its own TF32 rounding costs at most 2⁻²¹|x|): two TF32 products per step,
     * hi·W + lo·W, instead of the three of an fp32 product, at fp32 accuracy. Devices without tensor
     * cores compute both in fp32. Same grid as {@link #linear}.
     */
    @Kernel
    public static void linearBf16(KernelContext ctx, FloatArray x, BFloat16Array w, FloatArray bias, FloatArray y,
                                  int rows, int in, int out, boolean hasBias) {
        int row0 = ctx.groupIdx * TILE, col0 = ctx.groupIdy * TILE;
        int tid = ctx.localIdx, kw = tid % STEP, r0 = tid / STEP;
        float[] xHi = ctx.allocateFloatLocalArray(TILE * LDA);
        float[] xLo = ctx.allocateFloatLocalArray(TILE * LDA);
        float[] wTile = ctx.allocateFloatLocalArray(STEP * LDB);
        float[] acc = ctx.allocateFloatLocalArray(TILE * LDC);
        float[] vals = new float[PASSES];
        zero(acc, tid);
        for (int k0 = 0; k0 < in; k0 += STEP) {
            boolean kIn = k0 + kw < in;
            int k = Math.min(k0 + kw, in - 1);
            load(x, k, in, row0 + r0, rows - 1, vals);
            for (int r = 0; r < PASSES; r++) {
                int i = r0 + ROWS_APART * r;
                float v = vals[r];
                v = kIn & row0 + i < rows ? v : 0f;
                float hi = Float.intBitsToFloat(Float.floatToRawIntBits(v) & 0xffffe000);
                xHi[i * LDA + kw] = hi;
                xLo[i * LDA + kw] = v - hi;
            }
            load(w, k, in, col0 + r0, out - 1, vals);
            for (int r = 0; r < PASSES; r++) {
                int n = r0 + ROWS_APART * r;
                float v = vals[r];
                wTile[kw * LDB + n] = kIn & col0 + n < out ? v : 0f;
            }
            ctx.localGemmTf32(TILE, TILE, STEP, xHi, LDA, wTile, LDB, acc, LDC);
            ctx.localGemmTf32(TILE, TILE, STEP, xLo, LDA, wTile, LDB, acc, LDC);
        }
        store(acc, bias, hasBias, y, tid, row0, col0, rows, out);
    }

    /**
     * vals[r] = m[row·stride + col] for row = min(first + ROWS_APART·r, last): every address is valid,
     * so the loads need not wait behind bounds tests; the caller masks the clamped rows.
     */
    static void load(FloatArray m, int col, int stride, int first, int last, float[] vals) {
        for (int r = 0; r < PASSES; r++) vals[r] = m.get(Math.min(first + ROWS_APART * r, last) * stride + col);
    }

    static void load(BFloat16Array m, int col, int stride, int first, int last, float[] vals) {
        for (int r = 0; r < PASSES; r++) vals[r] = m.get(Math.min(first + ROWS_APART * r, last) * stride + col);
    }

    /** acc = 0; the first localGemm's barrier orders it before any product. */
    static void zero(float[] acc, int tid) {
        for (int e = tid; e < TILE * TILE; e += THREADS) acc[e / TILE * LDC + e % TILE] = 0f;
    }

    /** y[tile] = acc (+ bias): consecutive work-items write consecutive columns. */
    static void store(float[] acc, FloatArray bias, boolean hasBias, FloatArray y, int tid, int row0, int col0, int rows,
                              int out) {
        int c = tid % TILE, col = col0 + c;
        float add = hasBias && col < out ? bias.get(col) : 0f;
        for (int r = tid / TILE; r < TILE; r += THREADS / TILE)
            if (row0 + r < rows && col < out) y.set((row0 + r) * out + col, acc[r * LDC + c] + add);
    }
}
