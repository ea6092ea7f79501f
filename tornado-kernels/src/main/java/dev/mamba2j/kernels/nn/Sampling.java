package dev.mamba2j.kernels.nn;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * The next token of each row of logits, chosen on the device so that only token ids come back.
 * Row r's logits are logits[r·stride + i], i &lt; vocab (stride ≥ vocab allows a padded vocabulary).
 * A row holding a NaN gives token −1, and so does, for {@link #sample}, a row whose largest logit is
 * infinite (softmax is undefined there): the caller must check for −1 rather than use a token a NaN
 * decided.
 */
public final class Sampling {
    private static final int NONE = Integer.MAX_VALUE;
    /** Logits a work-item of {@link #argmax} loads at once (a 50K vocabulary: 7 passes of 256 work-items). */
    private static final int PASS = 32;

    private Sampling() {}

    /**
     * Greedy: the index of the largest logit, the lowest index among equal ones; −1 if the row holds a NaN.
     * Grid: global {@link KernelMath#GROUP}·rows (1D), local GROUP.
     */
    @Kernel
    public static void argmax(KernelContext ctx, FloatArray logits, IntArray token, int vocab, int stride) {
        float[] value = ctx.allocateFloatLocalArray(KernelMath.GROUP);
        int[] index = ctx.allocateIntLocalArray(KernelMath.GROUP);
        int base = ctx.groupIdx * stride;
        float[] pass = new float[PASS];
        float best = Float.NEGATIVE_INFINITY;
        int at = NONE, nans = 0;
        for (int i0 = ctx.localIdx; i0 < vocab; i0 += PASS * KernelMath.GROUP) {
            // PASS loads in flight at once (clamped into the row; the ones past it are ignored below)
            for (int k = 0; k < PASS; k++) pass[k] = logits.get(base + Math.min(i0 + k * KernelMath.GROUP, vocab - 1));
            for (int k = 0; k < PASS; k++) { // i grows: '>' keeps the first of equals
                int i = i0 + k * KernelMath.GROUP;
                float l = pass[k];
                boolean nan = i < vocab & l != l;
                boolean better = i < vocab & !nan & (l > best | at == NONE);
                best = better ? l : best;
                at = better ? i : at;
                nans += nan ? 1 : 0;
            }
        }
        int winner = KernelMath.argMax(ctx, value, index, best, at);
        boolean bad = KernelMath.sum(ctx, index, nans) > 0;
        if (ctx.localIdx == 0) token.set(ctx.groupIdx, bad ? -1 : winner);
    }

    /**
     * Sampling with temperature, top-k and top-p, given a uniform u ∈ [0, 1) per row (drawn by the host
     * from a seeded generator, so runs repeat):
     * <pre>
     *   p_i   = exp((l_i − max l) / T)                        (softmax up to its normaliser; T &gt; 0)
     *   top-k: keep l_i ≥ λ, λ the k-th largest logit       (ties with it are kept; k ≤ 0 or k ≥ vocab: all)
     *   top-p: then keep p_i ≥ τ, τ the largest value with Σ_{kept, p ≥ τ} p ≥ top_p · Σ_kept p
     *          (the smallest prefix by descending p, ties kept together; top_p ≥ 1: all)
     *   token = the first kept i, in ascending i, where Σ_{kept j ≤ i} p_j &gt; u · Σ_kept p
     * </pre>
     * No sort: λ and τ are found by bisection over the ordered bits of floats, each step one pass over
     * the row and a work-group sum (up to 32 steps for λ, 30 for τ; λ's stop as soon as exactly k are
     * kept). The pick is a prefix sum over contiguous slices of the row, one per work-item.
     * Grid: global {@link KernelMath#GROUP}·rows (1D), local GROUP.
     */
    @Kernel
    public static void sample(KernelContext ctx, FloatArray logits, FloatArray uniform, IntArray token, int vocab, int stride,
                              float temperature, int topK, float topP) {
        float[] f = ctx.allocateFloatLocalArray(KernelMath.GROUP);
        int[] n = ctx.allocateIntLocalArray(KernelMath.GROUP);
        int base = ctx.groupIdx * stride;
        float top = Float.NEGATIVE_INFINITY;
        int nans = 0;
        for (int i = ctx.localIdx; i < vocab; i += KernelMath.GROUP) {
            float l = logits.get(base + i);
            nans += l != l ? 1 : 0;
            top = l != l ? top : Math.max(top, l);
        }
        top = KernelMath.max(ctx, f, top);
        boolean bad = KernelMath.sum(ctx, n, nans) > 0 || Math.abs(top) == Float.POSITIVE_INFINITY;
        int lambda = topKKey(ctx, n, logits, base, vocab, topK, top);
        float tau = topPThreshold(ctx, f, logits, base, vocab, lambda, top, temperature, topP);
        int picked = pick(ctx, f, n, logits, base, vocab, lambda, tau, top, temperature, uniform.get(ctx.groupIdx));
        if (ctx.localIdx == 0) token.set(ctx.groupIdx, bad ? -1 : picked);
    }

    /**
     * key(λ) for top-k: the largest key K with #{i : key(l_i) ≥ K} ≥ k, i.e. the k-th largest logit's key;
     * key(−∞) (keep all) without top-k. Invariant: count(≥ lo) ≥ k &gt; count(≥ hi).
     */
    private static int topKKey(KernelContext ctx, int[] n, FloatArray logits, int base, int vocab, int topK, float top) {
        long lo = key(Float.NEGATIVE_INFINITY), hi = key(top) + 1L;
        int count = vocab; // count(≥ lo): every logit
        if (topK <= 0 || topK >= vocab) hi = lo + 1; // nothing to search
        while (hi - lo > 1 && count != topK) {
            long mid = lo + (hi - lo) / 2;
            int mine = 0;
            for (int i = ctx.localIdx; i < vocab; i += KernelMath.GROUP) mine += key(logits.get(base + i)) >= mid ? 1 : 0;
            int c = KernelMath.sum(ctx, n, mine);
            if (c >= topK) {
                lo = mid;
                count = c;
            } else {
                hi = mid;
            }
        }
        return (int) lo;
    }

    /**
     * τ for top-p over the tokens top-k kept: the largest float τ ∈ [0, 1] with mass(τ) = Σ_{kept, p ≥ τ} p
     * ≥ top_p · mass(0); 0 (keep all) when top_p ≥ 1. p ≥ 0, so the bits of τ order like τ; a float sum
     * of non-negative terms only grows with more terms, so mass(τ) is monotone as computed, and the
     * bisection's invariant mass(lo) ≥ target &gt; mass(hi) holds in floats too.
     */
    private static float topPThreshold(KernelContext ctx, float[] f, FloatArray logits, int base, int vocab, int lambda, float top,
                                       float temperature, float topP) {
        int lo = 0, hi = Float.floatToRawIntBits(1f) + 1;
        float target = topP * KernelMath.sum(ctx, f, mass(ctx, logits, base, vocab, lambda, 0f, top, temperature));
        if (topP >= 1f) hi = lo + 1;
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            float m = KernelMath.sum(ctx, f, mass(ctx, logits, base, vocab, lambda, Float.intBitsToFloat(mid), top, temperature));
            if (m >= target) lo = mid;
            else hi = mid;
        }
        return Float.intBitsToFloat(lo);
    }

    /**
     * The first kept token, in ascending id, whose cumulative probability exceeds u·Σ_kept p. Work-item t
     * takes the contiguous ids [t·chunk, (t+1)·chunk): a prefix sum over the work-items gives the mass
     * before its slice, and it walks the slice from there. Should rounding leave no crossing (u·total
     * within rounding of total), the last kept token is taken.
     */
    private static int pick(KernelContext ctx, float[] f, int[] n, FloatArray logits, int base, int vocab, int lambda, float tau,
                            float top, float temperature, float u) {
        int chunk = (vocab + KernelMath.GROUP - 1) / KernelMath.GROUP;
        int from = ctx.localIdx * chunk, to = Math.min(vocab, from + chunk);
        float mine = 0f;
        for (int i = from; i < to; i++) mine += kept(logits.get(base + i), lambda, tau, top, temperature);
        float running = KernelMath.sumBefore(ctx, f, mine);
        float target = u * KernelMath.sum(ctx, f, mine);
        int first = NONE, last = -1;
        for (int i = from; i < to; i++) {
            float p = kept(logits.get(base + i), lambda, tau, top, temperature);
            running += p;
            boolean crosses = p > 0f && running > target && first == NONE;
            first = crosses ? i : first;
            last = p > 0f ? i : last;
        }
        first = KernelMath.min(ctx, n, first);
        last = KernelMath.max(ctx, n, last);
        return first != NONE ? first : last;
    }

    /** This work-item's share of Σ_{kept, p ≥ threshold} p (strided, coalesced). */
    private static float mass(KernelContext ctx, FloatArray logits, int base, int vocab, int lambda, float threshold, float top,
                              float temperature) {
        float m = 0f;
        for (int i = ctx.localIdx; i < vocab; i += KernelMath.GROUP) m += kept(logits.get(base + i), lambda, threshold, top, temperature);
        return m;
    }

    /** p = exp((l − top)/T) if l passes top-k (key ≥ λ) and p ≥ τ, else 0. */
    private static float kept(float l, int lambda, float tau, float top, float temperature) {
        float p = (float) Math.exp((l - top) / temperature); // divided, as the reference does (1/T would overflow for subnormal T)
        return key(l) >= lambda && p >= tau ? p : 0f;
    }

    /**
     * A float's bits as an int that orders like the float (negative floats flipped below the positive ones);
     * −0 is taken as +0 first, so equal floats have equal keys.
     */
    static int key(float l) {
        int bits = Float.floatToRawIntBits(l + 0f);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }
}
