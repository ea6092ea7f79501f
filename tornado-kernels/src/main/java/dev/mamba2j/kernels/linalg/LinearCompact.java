package dev.mamba2j.kernels.linalg;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * {@link Linear} for devices whose local memory cannot hold its tiles (36 KiB, 45 KiB with bf16 W; Mesa's
 * lavapipe and Apple GPUs offer 32 KiB): the same output tile, work-group, grid and staging, with half the
 * reduction step. Local memory: {@link #LOCAL_BYTES} = 27.5 KiB for either W, since bf16 W is widened as it is
 * staged and multiplied in fp32 (one product at fp32 accuracy; the hi/lo split of {@link Linear#linearBf16}
 * saves tensor-core products and would need a second x tile).
 */
public final class LinearCompact {
    /** Reduction step (a multiple of 8, as localGemm needs) and the padded stride of the staged x slice. */
    public static final int STEP = Linear.STEP / 2, LDA = STEP + 4;
    /** Local memory a work-group takes: the x tile, the W step and the accumulated y tile. */
    public static final long LOCAL_BYTES = 4L * (Linear.TILE * LDA + STEP * Linear.LDB + Linear.TILE * Linear.LDC);
    /** Staging: a work-item fills column tid % STEP of a TILE×STEP slice, rows tid / STEP + ROWS_APART·r for r &lt; PASSES. */
    static final int ROWS_APART = Linear.THREADS / STEP, PASSES = Linear.TILE / ROWS_APART;

    private LinearCompact() {}

    /** W fp32; grid as {@link Linear#linear}. */
    @Kernel
    public static void linear(KernelContext ctx, FloatArray x, FloatArray w, FloatArray bias, FloatArray y,
                              int rows, int in, int out, boolean hasBias) {
        int row0 = ctx.groupIdx * Linear.TILE, col0 = ctx.groupIdy * Linear.TILE;
        int tid = ctx.localIdx, kw = tid % STEP, r0 = tid / STEP;
        float[] xTile = ctx.allocateFloatLocalArray(Linear.TILE * LDA);
        float[] wTile = ctx.allocateFloatLocalArray(STEP * Linear.LDB);
        float[] acc = ctx.allocateFloatLocalArray(Linear.TILE * Linear.LDC);
        float[] vals = new float[PASSES];
        Linear.zero(acc, tid);
        for (int k0 = 0; k0 < in; k0 += STEP) {
            boolean kIn = k0 + kw < in;
            int k = Math.min(k0 + kw, in - 1);
            load(x, k, in, row0 + r0, rows - 1, vals);
            stageX(xTile, vals, kIn, row0, rows, r0, kw);
            load(w, k, in, col0 + r0, out - 1, vals);
            stageW(wTile, vals, kIn, col0, out, r0, kw);
            ctx.localGemm(Linear.TILE, Linear.TILE, STEP, xTile, LDA, wTile, Linear.LDB, acc, Linear.LDC);
        }
        Linear.store(acc, bias, hasBias, y, tid, row0, col0, rows, out);
    }

    /** W bf16, widened exactly as it is staged; grid as {@link Linear#linear}. */
    @Kernel
    public static void linearBf16(KernelContext ctx, FloatArray x, BFloat16Array w, FloatArray bias, FloatArray y,
                                  int rows, int in, int out, boolean hasBias) {
        int row0 = ctx.groupIdx * Linear.TILE, col0 = ctx.groupIdy * Linear.TILE;
        int tid = ctx.localIdx, kw = tid % STEP, r0 = tid / STEP;
        float[] xTile = ctx.allocateFloatLocalArray(Linear.TILE * LDA);
        float[] wTile = ctx.allocateFloatLocalArray(STEP * Linear.LDB);
        float[] acc = ctx.allocateFloatLocalArray(Linear.TILE * Linear.LDC);
        float[] vals = new float[PASSES];
        Linear.zero(acc, tid);
        for (int k0 = 0; k0 < in; k0 += STEP) {
            boolean kIn = k0 + kw < in;
            int k = Math.min(k0 + kw, in - 1);
            load(x, k, in, row0 + r0, rows - 1, vals);
            stageX(xTile, vals, kIn, row0, rows, r0, kw);
            load(w, k, in, col0 + r0, out - 1, vals);
            stageW(wTile, vals, kIn, col0, out, r0, kw);
            ctx.localGemm(Linear.TILE, Linear.TILE, STEP, xTile, LDA, wTile, Linear.LDB, acc, Linear.LDC);
        }
        Linear.store(acc, bias, hasBias, y, tid, row0, col0, rows, out);
    }

    /** As {@link Linear#load}: clamped rows, masked by the caller. */
    static void load(FloatArray m, int col, int stride, int first, int last, float[] vals) {
        for (int r = 0; r < PASSES; r++) vals[r] = m.get(Math.min(first + ROWS_APART * r, last) * stride + col);
    }

    static void load(BFloat16Array m, int col, int stride, int first, int last, float[] vals) {
        for (int r = 0; r < PASSES; r++) vals[r] = m.get(Math.min(first + ROWS_APART * r, last) * stride + col);
    }

    /** xTile[i][kw] = the loaded x values, zero past the rows or past in (kIn). */
    private static void stageX(float[] xTile, float[] vals, boolean kIn, int row0, int rows, int r0, int kw) {
        for (int r = 0; r < PASSES; r++) {
            int i = r0 + ROWS_APART * r;
            float v = vals[r]; // read before the select: a load behind it would stay behind a branch
            xTile[i * LDA + kw] = kIn & row0 + i < rows ? v : 0f;
        }
    }

    /** wTile[kw][n] = the loaded W values (W transposed), zero past out or past in. */
    private static void stageW(float[] wTile, float[] vals, boolean kIn, int col0, int out, int r0, int kw) {
        for (int r = 0; r < PASSES; r++) {
            int n = r0 + ROWS_APART * r;
            float v = vals[r];
            wTile[kw * Linear.LDB + n] = kIn & col0 + n < out ? v : 0f;
        }
    }
}
