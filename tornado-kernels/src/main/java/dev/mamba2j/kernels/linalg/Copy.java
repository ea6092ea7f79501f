package dev.mamba2j.kernels.linalg;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/** dst = src: the memory-bandwidth probe (one read and one write per element). */
public final class Copy {
    private Copy() {}

    /** Grid: global ≥ n (1D), any local size. */
    @Kernel
    public static void copy(KernelContext ctx, FloatArray src, FloatArray dst, int n) {
        int i = ctx.globalIdx;
        if (i < n) dst.set(i, src.get(i));
    }

    /**
     * The same copy with several elements per work-item, a grid's width apart (reads stay
     * coalesced): fewer work-items, more loads in flight per work-item.
     * Grid: global ≈ n / elements per work-item (1D), any local size.
     */
    @Kernel
    public static void copyStrided(KernelContext ctx, FloatArray src, FloatArray dst, int n) {
        for (int i = ctx.globalIdx; i < n; i += ctx.globalGroupSizeX) dst.set(i, src.get(i));
    }
}
