package dev.mamba2j.kernels.nn;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * Token embedding: out[t][:] = table[token[t]][:], table (vocab, dim) row-major, out (tokens, dim) fp32.
 * Token ids must lie in [0, vocab): they are not checked on a device (the JVM device throws).
 */
public final class Embedding {
    private Embedding() {}

    /** Grid: global (dim, tokens) (2D; x runs along features), local (any, 1). */
    @Kernel
    public static void gather(KernelContext ctx, IntArray token, FloatArray table, FloatArray out, int tokens, int dim) {
        int j = ctx.globalIdx, t = ctx.globalIdy;
        if (j < dim && t < tokens) out.set(t * dim + j, table.get(token.get(t) * dim + j));
    }

    /** {@link #gather} from a bf16 table, widened exactly. Same grid. */
    @Kernel
    public static void gatherBf16(KernelContext ctx, IntArray token, BFloat16Array table, FloatArray out, int tokens, int dim) {
        int j = ctx.globalIdx, t = ctx.globalIdy;
        if (j < dim && t < tokens) out.set(t * dim + j, table.get(token.get(t) * dim + j));
    }
}
