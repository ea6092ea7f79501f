package dev.mamba2j.kernels.nn;

import dev.mamba2j.tornado.api.KernelContext;

/**
 * The small pieces the layer kernels share: SiLU, and reductions over a work-group of {@link #GROUP}
 * work-items through a local scratch array of GROUP elements (the caller allocates it: a helper
 * cannot return an array).
 *
 * <p>Every reduction is called by the whole work-group with its own value and returns the result to
 * every work-item. It is a pairwise tree in local memory (log₂ GROUP steps, a barrier each) and
 * ends with a barrier, so the scratch array can be used again at once.
 */
public final class KernelMath {
    /** Work-items per work-group of the row kernels (norms, sampling): a power of two. */
    public static final int GROUP = 256;

    private KernelMath() {}

    /** silu(v) = v·σ(v) = v / (1 + e^(−v)). */
    public static float silu(float v) { return v / (1f + (float) Math.exp(-v)); }

    /** Σ v over the work-group. */
    public static float sum(KernelContext ctx, float[] scratch, float v) {
        int tid = ctx.localIdx;
        scratch[tid] = v;
        for (int half = GROUP / 2; half > 0; half >>= 1) {
            ctx.localBarrier();
            if (tid < half) scratch[tid] += scratch[tid + half];
        }
        return broadcast(ctx, scratch);
    }

    /** max v over the work-group (Java's Math.max: a NaN wins). */
    public static float max(KernelContext ctx, float[] scratch, float v) {
        int tid = ctx.localIdx;
        scratch[tid] = v;
        for (int half = GROUP / 2; half > 0; half >>= 1) {
            ctx.localBarrier();
            if (tid < half) scratch[tid] = Math.max(scratch[tid], scratch[tid + half]);
        }
        return broadcast(ctx, scratch);
    }

    /** Σ v over the work-group, in ints (counts). */
    public static int sum(KernelContext ctx, int[] scratch, int v) {
        int tid = ctx.localIdx;
        scratch[tid] = v;
        for (int half = GROUP / 2; half > 0; half >>= 1) {
            ctx.localBarrier();
            if (tid < half) scratch[tid] += scratch[tid + half];
        }
        return broadcast(ctx, scratch);
    }

    /** min v over the work-group, in ints. */
    public static int min(KernelContext ctx, int[] scratch, int v) {
        int tid = ctx.localIdx;
        scratch[tid] = v;
        for (int half = GROUP / 2; half > 0; half >>= 1) {
            ctx.localBarrier();
            if (tid < half) scratch[tid] = Math.min(scratch[tid], scratch[tid + half]);
        }
        return broadcast(ctx, scratch);
    }

    /** max v over the work-group, in ints. */
    public static int max(KernelContext ctx, int[] scratch, int v) {
        int tid = ctx.localIdx;
        scratch[tid] = v;
        for (int half = GROUP / 2; half > 0; half >>= 1) {
            ctx.localBarrier();
            if (tid < half) scratch[tid] = Math.max(scratch[tid], scratch[tid + half]);
        }
        return broadcast(ctx, scratch);
    }

    /**
     * The index of the largest value over the work-group, the lowest index among equal values. NaN
     * values must be left out by the caller (pass −∞ with {@code Integer.MAX_VALUE}, which loses
     * every tie).
     */
    public static int argMax(KernelContext ctx, float[] value, int[] index, float v, int i) {
        int tid = ctx.localIdx;
        value[tid] = v;
        index[tid] = i;
        for (int half = GROUP / 2; half > 0; half >>= 1) {
            ctx.localBarrier();
            if (tid < half) {
                float w = value[tid + half];
                int j = index[tid + half];
                boolean better = w > value[tid] || w == value[tid] && j < index[tid];
                if (better) {
                    value[tid] = w;
                    index[tid] = j;
                }
            }
        }
        return broadcast(ctx, index);
    }

    /** Σ v over the work-items before this one (an exclusive prefix sum, Hillis–Steele: log₂ GROUP steps). */
    public static float sumBefore(KernelContext ctx, float[] scratch, float v) {
        int tid = ctx.localIdx;
        scratch[tid] = v;
        for (int d = 1; d < GROUP; d <<= 1) {
            ctx.localBarrier();
            float add = tid >= d ? scratch[tid - d] : 0f;
            ctx.localBarrier();
            scratch[tid] += add;
        }
        ctx.localBarrier();
        float before = tid > 0 ? scratch[tid - 1] : 0f;
        ctx.localBarrier();
        return before;
    }

    /** Element 0 to every work-item, once all have written; then a barrier, so scratch is free again. */
    private static float broadcast(KernelContext ctx, float[] scratch) {
        ctx.localBarrier();
        float total = scratch[0];
        ctx.localBarrier();
        return total;
    }

    private static int broadcast(KernelContext ctx, int[] scratch) {
        ctx.localBarrier();
        int total = scratch[0];
        ctx.localBarrier();
        return total;
    }
}
