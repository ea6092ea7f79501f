package dev.mamba2j.kernels.nn;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * The Mamba-2 mixer's output norm, gate first (mamba_ssm's RMSNormGated, norm_before_gate=False):
 * <pre>
 *   v   = y · silu(z)
 *   out = v · rsqrt(mean_group(v²) + eps) · weight
 * </pre>
 * where the mean runs over each group of {@code groupSize} consecutive features (groupSize = d / n_groups;
 * Hugging Face's Mamba2 normalises over the whole d: groupSize = d). y, out (rows, d); z is read from
 * the in_proj output: element (r, j) at r·zStride + zOffset + j. groupSize must divide d.
 */
public final class GatedRmsNorm {
    private GatedRmsNorm() {}

    /**
     * One work-group of {@link KernelMath#GROUP} per (row, group); the first pass writes v to out, the
     * second scales it in place (each work-item reads back only what it wrote).
     * Grid: global GROUP·rows·(d / groupSize) (1D), local GROUP.
     */
    @Kernel
    public static void gatedNorm(KernelContext ctx, FloatArray y, FloatArray z, FloatArray weight, FloatArray out,
                                 int d, int groupSize, int zStride, int zOffset, float eps) {
        float[] scratch = ctx.allocateFloatLocalArray(KernelMath.GROUP);
        int groups = d / groupSize;
        int row = ctx.groupIdx / groups;
        int first = ctx.groupIdx % groups * groupSize; // the group's first feature
        int base = row * d + first;
        int zBase = row * zStride + zOffset + first;
        float squares = 0f;
        for (int j = ctx.localIdx; j < groupSize; j += KernelMath.GROUP) {
            float v = y.get(base + j) * KernelMath.silu(z.get(zBase + j));
            out.set(base + j, v);
            squares += v * v;
        }
        float scale = 1f / (float) Math.sqrt(KernelMath.sum(ctx, scratch, squares) / groupSize + eps);
        for (int j = ctx.localIdx; j < groupSize; j += KernelMath.GROUP) out.set(base + j, out.get(base + j) * scale * weight.get(first + j));
    }
}
