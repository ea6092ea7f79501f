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
        int tile = Matmul.TILE, me = ctx.localIdy * tile + ctx.localIdx;
        int col = ctx.groupIdx * tile + ctx.localIdx, row = ctx.groupIdy * tile + ctx.localIdy;
        float[] extra = ctx.allocateFloatLocalArray(held);
        extra[held - 1 - me] = Matmul.element(ctx, a, b, n, m, k, ctx.allocateFloatLocalArray(tile * tile), ctx.allocateFloatLocalArray(tile * tile));
        ctx.localBarrier();
        if (row < n && col < m) c.set(row * m + col, extra[held - 1 - me]);
    }
}
