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
     * j ≡ localId (mod GROUP), so a row is read with consecutive work-items on consecutive addresses.
     * The second pass reads back the residual the same work-item has just written.
     * Grid: global GROUP·rows (1D), local GROUP.
     */
    @Kernel
    public static void addNorm(KernelContext ctx, FloatArray x, FloatArray residual, FloatArray weight, FloatArray out,
                               int dim, float eps, boolean first) {
        float[] scratch = ctx.allocateFloatLocalArray(KernelMath.GROUP);
        int base = ctx.groupIdx * dim;
        float squares = 0f;
        for (int j = ctx.localIdx; j < dim; j += KernelMath.GROUP) {
            float r = first ? x.get(base + j) : residual.get(base + j) + x.get(base + j);
            residual.set(base + j, r);
            squares += r * r;
        }
        float scale = 1f / (float) Math.sqrt(KernelMath.sum(ctx, scratch, squares) / dim + eps);
        for (int j = ctx.localIdx; j < dim; j += KernelMath.GROUP) out.set(base + j, residual.get(base + j) * scale * weight.get(j));
    }
}
