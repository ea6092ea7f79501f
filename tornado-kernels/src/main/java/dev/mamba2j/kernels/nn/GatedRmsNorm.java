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
     * One work-group of {@link KernelMath#GROUP} per (row, group). Each work-item keeps its values in
     * registers (features localIdx, localIdx + GROUP, …; the loops unroll); the last of them is partial when
     * GROUP does not divide groupSize. Every load is issued before any arithmetic: the exact division of
     * SiLU ends in a branch the GPU compiler does not move loads across, so loads mixed in with it would
     * each wait out a trip to memory (14 µs instead of 4 for 5,120 features on the H200).
     * Grid: global GROUP·rows·(d / groupSize) (1D), local GROUP.
     */
    @Kernel
    public static void gatedNorm(KernelContext ctx, FloatArray y, FloatArray z, FloatArray weight, FloatArray out,
                                 int d, int groupSize, int zStride, int zOffset, float eps) {
        float[] v = new float[groupSize / KernelMath.GROUP + 1], g = new float[groupSize / KernelMath.GROUP + 1],
                w = new float[groupSize / KernelMath.GROUP + 1];
        float[] scratch = ctx.allocateFloatLocalArray(KernelMath.GROUP);
        int groups = d / groupSize;
        int row = ctx.groupIdx / groups;
        int first = ctx.groupIdx % groups * groupSize; // the group's first feature
        int base = row * d + first, zBase = row * zStride + zOffset + first;
        for (int k = 0; k < v.length; k++) {
            int at = Math.min(ctx.localIdx + k * KernelMath.GROUP, groupSize - 1); // loads clamped, values masked below
            v[k] = y.get(base + at);
            g[k] = z.get(zBase + at);
            w[k] = weight.get(first + at);
        }
        float squares = 0f;
        for (int k = 0; k < v.length; k++) {
            float vk = v[k] * KernelMath.silu(g[k]);
            v[k] = ctx.localIdx + k * KernelMath.GROUP < groupSize ? vk : 0f;
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
