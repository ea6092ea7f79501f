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
     * One work-group of {@link KernelMath#GROUP} per (row, group). Each work-item keeps its values of v in
     * registers (features localIdx, localIdx + GROUP, …; the loops unroll, so all its loads are in flight at
     * once); the last of them is partial when GROUP does not divide groupSize.
     * Grid: global GROUP·rows·(d / groupSize) (1D), local GROUP.
     */
    @Kernel
    public static void gatedNorm(KernelContext ctx, FloatArray y, FloatArray z, FloatArray weight, FloatArray out,
                                 int d, int groupSize, int zStride, int zOffset, float eps) {
        float[] v = new float[groupSize / KernelMath.GROUP + 1], w = new float[groupSize / KernelMath.GROUP + 1]; // w loaded with v: no second wait on memory
        float[] scratch = ctx.allocateFloatLocalArray(KernelMath.GROUP);
        int groups = d / groupSize;
        int row = ctx.groupIdx / groups;
        int first = ctx.groupIdx % groups * groupSize; // the group's first feature
        int base = row * d + first, zBase = row * zStride + zOffset + first;
        float squares = 0f;
        for (int k = 0; k < v.length; k++) {
            int j = ctx.localIdx + k * KernelMath.GROUP, at = Math.min(j, groupSize - 1); // loads clamped, values masked
            float vk = y.get(base + at) * KernelMath.silu(z.get(zBase + at));
            v[k] = j < groupSize ? vk : 0f;
            w[k] = weight.get(first + at);
            squares += v[k] * v[k];
        }
        float scale = 1f / (float) Math.sqrt(KernelMath.sum(ctx, scratch, squares) / groupSize + eps);
        for (int k = 0; k < v.length - 1; k++) {
            int j = ctx.localIdx + k * KernelMath.GROUP;
            out.set(base + j, v[k] * scale * w[k]);
        }
        int tail = ctx.localIdx + (v.length - 1) * KernelMath.GROUP; // v.length - 1 spelled out: a constant index keeps v in registers
        if (tail < groupSize) out.set(base + tail, v[v.length - 1] * scale * w[v.length - 1]);
    }
}
