package dev.mamba2j.kernels.linalg;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * fp32 matrix product C = A·B, row-major: A (n, k), B (k, m), C (n, m). The textbook shared-memory
 * tiling: a work-group of TILE × TILE work-items computes one TILE × TILE block of C, one element
 * each, stepping along k one tile at a time; each step stages a tile of A and a tile of B in local
 * memory, so every element loaded from global memory is used TILE times.
 */
public final class Matmul {
    /** Block edge: the work-group is TILE × TILE. */
    public static final int TILE = 16;

    private Matmul() {}

    /** Grid: global (⌈m/TILE⌉·TILE, ⌈n/TILE⌉·TILE) (2D; x runs along columns), local (TILE, TILE). */
    @Kernel
    public static void matmul(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, int n, int m, int k) {
        int col = ctx.groupIdx * TILE + ctx.localIdx, row = ctx.groupIdy * TILE + ctx.localIdy;
        float acc = element(ctx, a, b, n, m, k, ctx.allocateFloatLocalArray(TILE * TILE), ctx.allocateFloatLocalArray(TILE * TILE));
        if (row < n && col < m) c.set(row * m + col, acc);
    }

    /** The work-item's element of C (0 outside it), its group staging tiles of A and B in aTile and bTile (TILE² each). */
    public static float element(KernelContext ctx, FloatArray a, FloatArray b, int n, int m, int k, float[] aTile, float[] bTile) {
        int tx = ctx.localIdx, ty = ctx.localIdy;
        int col = ctx.groupIdx * TILE + tx;
        int row = ctx.groupIdy * TILE + ty;
        float acc = 0f;
        for (int k0 = 0; k0 < k; k0 += TILE) {
            aTile[ty * TILE + tx] = row < n && k0 + tx < k ? a.get(row * k + k0 + tx) : 0f;
            bTile[ty * TILE + tx] = k0 + ty < k && col < m ? b.get((k0 + ty) * m + col) : 0f;
            ctx.localBarrier();
            for (int kk = 0; kk < TILE; kk++) acc = Math.fma(aTile[ty * TILE + kk], bTile[kk * TILE + tx], acc);
            ctx.localBarrier();
        }
        return acc;
    }
}
