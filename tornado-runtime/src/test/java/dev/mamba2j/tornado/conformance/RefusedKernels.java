package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/** Kernels outside the kernel subset, kept apart from {@link ConformanceKernels}, which must all compile. */
public final class RefusedKernels {
    private RefusedKernels() {}

    /** A library call devices do not have. */
    @Kernel
    public static void outsideTheSubset(KernelContext ctx, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i < n) out.set(i, Integer.bitCount(i));
    }

    /** A local array sized by data, not by a constant: devices cannot allocate it. */
    @Kernel
    public static void localSizeFromData(KernelContext ctx, IntArray sizes, IntArray out) {
        int[] scratch = ctx.allocateIntLocalArray(sizes.get(0));
        scratch[0] = 1;
        out.set(ctx.globalIdx, scratch[0]);
    }

    /** localGemm with m = 20, which no device accepts (m must be a multiple of 16). */
    @Kernel
    public static void localGemmBadShape(KernelContext ctx, FloatArray c) {
        float[] t = ctx.allocateFloatLocalArray(20 * 8);
        ctx.localGemm(20, 8, 8, t, 8, t, 8, t, 8);
        c.set(ctx.globalIdx, t[ctx.localIdx]);
    }
}
