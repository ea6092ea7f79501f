package dev.mamba2j.kernels.nn;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * The pre-norm of a Mamba block with its residual stream kept in fp32 (mamba_ssm's residual_in_fp32):
 * <pre>
 *   residual = first ? x : residual + x          (written back)
 *   out      = residual · rsqrt(mean(residual²) + eps) · weight
 * </pre>
 * per row of (rows, dim). The model's final norm_f is the same step (the last block's output added
 * to the residual, then normalised), so there is no separate plain norm.
 */
public final class RmsNorm {
    private RmsNorm() {}

    /**
     * One work-group of {@link KernelMath#GROUP} per row; each work-item takes the features
     * j ≡ localId (mod GROUP), so a row is read with consecutive work-items on consecutive addresses, and
     * keeps them in registers (the loops unroll, so all its loads are in flight at once); the last is
     * partial when GROUP does not divide dim.
     * Grid: global GROUP·rows (1D), local GROUP.
     */
    @Kernel
    public static void addNorm(KernelContext ctx, FloatArray x, FloatArray residual, FloatArray weight, FloatArray out,
                               int dim, float eps, boolean first) {
        float[] v = new float[dim / KernelMath.GROUP + 1], w = new float[dim / KernelMath.GROUP + 1]; // w loaded with v: no second wait on memory
        float[] scratch = ctx.allocateFloatLocalArray(KernelMath.GROUP);
        int base = ctx.groupIdx * dim;
        float squares = 0f;
        for (int k = 0; k < v.length; k++) {
            int j = ctx.localIdx + k * KernelMath.GROUP, at = base + Math.min(j, dim - 1); // loads clamped, values masked
            float before = residual.get(at); // read even when first, so the loop stays one block (and unrolls)
            float r = x.get(at) + (first ? 0f : before);
            v[k] = j < dim ? r : 0f;
            w[k] = weight.get(Math.min(j, dim - 1));
            squares += v[k] * v[k];
        }
        float scale = 1f / (float) Math.sqrt(KernelMath.sum(ctx, scratch, squares) / dim + eps);
        for (int k = 0; k < v.length - 1; k++) {
            int j = ctx.localIdx + k * KernelMath.GROUP;
            residual.set(base + j, v[k]);
            out.set(base + j, v[k] * scale * w[k]);
        }
        int tail = ctx.localIdx + (v.length - 1) * KernelMath.GROUP; // v.length - 1 spelled out: a constant index keeps v in registers
        if (tail < dim) {
            residual.set(base + tail, v[v.length - 1]);
            out.set(base + tail, v[v.length - 1] * scale * w[v.length - 1]);
        }
    }
}
