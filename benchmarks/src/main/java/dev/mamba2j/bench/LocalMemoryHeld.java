package dev.mamba2j.bench;

import dev.mamba2j.kernels.linalg.Matmul;
import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * {@link Matmul#matmul} holding more local memory per work-group than its 2 KiB of tiles (16 KiB, or 36 KiB
 * as the SSD kernels' {@code SsdTiles}): the same work, fewer work-groups resident per multiprocessor
 * where local memory limits them. Set beside the plain matmul, it shows what a device's local-memory
 * budget per multiprocessor costs kernels of those sizes.
 */
final class LocalMemoryHeld {
    /** Floats a work-group holding {@code kib} KiB of local memory in all holds besides the matmul's two tiles. */
    static int held(int kib) { return kib * 256 - 2 * Matmul.TILE * Matmul.TILE; }

    private LocalMemoryHeld() {}

    /**
     * Same grid as {@link Matmul#matmul}; {@code held} floats more (a compile-time constant once specialised). Each
     * result passes through the held array on its way out, so the array stays.
     */
    @Kernel
    public static void matmul(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, int n, int m, int k, int held) {
        int tx = ctx.localIdx, ty = ctx.localIdy, tile = Matmul.TILE;
        int col = ctx.groupIdx * tile + tx;
        int row = ctx.groupIdy * tile + ty;
        float[] aTile = ctx.allocateFloatLocalArray(tile * tile);
        float[] bTile = ctx.allocateFloatLocalArray(tile * tile);
        float[] extra = ctx.allocateFloatLocalArray(held);
        float acc = 0f;
        for (int k0 = 0; k0 < k; k0 += tile) {
            aTile[ty * tile + tx] = row < n && k0 + tx < k ? a.get(row * k + k0 + tx) : 0f;
            bTile[ty * tile + tx] = k0 + ty < k && col < m ? b.get((k0 + ty) * m + col) : 0f;
            ctx.localBarrier();
            for (int kk = 0; kk < tile; kk++) acc = Math.fma(aTile[ty * tile + kk], bTile[kk * tile + tx], acc);
            ctx.localBarrier();
        }
        extra[held - 1 - (ty * tile + tx)] = acc;
        ctx.localBarrier();
        if (row < n && col < m) c.set(row * m + col, extra[held - 1 - (ty * tile + tx)]);
    }
}
