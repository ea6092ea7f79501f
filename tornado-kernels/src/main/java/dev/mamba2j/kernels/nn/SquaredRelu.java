package dev.mamba2j.kernels.nn;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/** The activation of Nemotron-H's MLPs, in place: x[i] = max(x[i], 0)². */
public final class SquaredRelu {
    private SquaredRelu() {}

    /** Grid: global (n) (1D), any local size. */
    @Kernel
    public static void apply(KernelContext ctx, FloatArray x, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        float r = Math.max(x.get(i), 0f);
        x.set(i, r * r);
    }
}
