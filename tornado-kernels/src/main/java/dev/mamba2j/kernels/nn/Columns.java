package dev.mamba2j.kernels.nn;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * A block of columns out of a wider row-major matrix: dst (rows, width) = src[:, offset : offset + width],
 * src rows {@code srcStride} apart. Takes z and dt out of the in_proj output (tokens, d_in_proj).
 */
public final class Columns {
    private Columns() {}

    /** Grid: global (width, rows) (2D; x runs along columns), local (any, 1). */
    @Kernel
    public static void copy(KernelContext ctx, FloatArray src, FloatArray dst, int rows, int width, int srcStride, int offset) {
        int j = ctx.globalIdx, r = ctx.globalIdy;
        if (j < width && r < rows) dst.set(r * width + j, src.get(r * srcStride + offset + j));
    }
}
