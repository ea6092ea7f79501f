package dev.mamba2j.kernels.attention;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * Attention of one new token per sequence over its key/value cache (decoding), split along the sequence
 * (flash-decoding): {@link #partial} gives each (sequence, key/value head, split of {@code split} cache
 * positions) a work-group, which computes for every query head of that key/value head (grouped-query
 * attention: the K and V it reads serve them all) the split's softmax statistics — its max m, its sum
 * l = Σ exp(s − m) — and its unnormalised output Σ exp(s − m)·v; {@link #combine} merges the splits of
 * each (sequence, head): M = max m, o = Σ exp(m − M)·acc / Σ exp(m − M)·l.
 *
 * <p>Layouts (fp32; the caches bf16 for {@link #partialBf16}): q and o (batch, heads, headDim); k and v caches
 * (batch, context, kvHeads, headDim);
 * positions (batch): the cache position of each sequence's new token, whose keys and values are already
 * in the cache, so the token attends to positions 0 … positions[s]; partials (batch, heads, splits,
 * headDim + 2) holding m, l, then the output. Splits past a sequence's length are skipped and not read.
 */
public final class DecodeAttention {
    /** Work-items per group of {@link #partial}: one per output channel, so headDim at most THREADS. */
    public static final int THREADS = 128;
    /** Keys staged in local memory at a time; a split is a multiple of it. */
    public static final int SUB = 32;
    /**
     * Loads a work-item issues before it uses any (a private array in registers): a loop that used each
     * load at once waited out the memory's latency once per key.
     */
    static final int BATCH = 16;

    private DecodeAttention() {}

    /**
     * Cache positions per split for a cache of {@code context} positions: a multiple of {@link #SUB}
     * from 64 to 256, small enough that short caches still give many work-groups.
     */
    public static int split(int context) {
        int split = 64;
        while (split < 256 && (context + split - 1) / split > 128) split *= 2;
        return split;
    }

    /** Splits of a cache of {@code context} positions. */
    public static int splits(int context, int split) { return (context + split - 1) / split; }

    /** Floats of the partials: batch·heads·splits·(headDim + 2). */
    public static long partialSize(int batch, int heads, int splits, int headDim) { return (long) batch * heads * splits * (headDim + 2); }

    /**
     * Grid: global THREADS·splits·kvHeads·batch (1D), local THREADS. headDim at most THREADS, heads a
     * multiple of kvHeads, split a multiple of {@link #SUB}. Local memory (floats):
     * (heads/kvHeads)·(headDim + split + THREADS) + SUB·(headDim + 1).
     */
    @Kernel
    public static void partial(KernelContext ctx, FloatArray q, FloatArray kCache, FloatArray vCache, IntArray positions,
                               FloatArray partials, int heads, int kvHeads, int headDim, int context, int split, int splits,
                               float scale) {
        int ratio = heads / kvHeads, d = headDim;
        float[] qL = ctx.allocateFloatLocalArray(ratio * d);
        float[] kS = ctx.allocateFloatLocalArray(SUB * (d + 1));
        float[] sc = ctx.allocateFloatLocalArray(ratio * split);
        float[] red = ctx.allocateFloatLocalArray(ratio * THREADS);
        float[] mr = new float[ratio];
        float[] acc = new float[ratio];
        float[] vals = new float[BATCH];
        int tid = ctx.localIdx, g = ctx.groupIdx;
        int sp = g % splits, hk = g / splits % kvHeads, s = g / splits / kvHeads;
        int len = Math.min(positions.get(s) + 1, context); // a position past the cache reads no other sequence's keys
        int j0 = sp * split;
        if (j0 >= len) return; // the whole group leaves before any barrier
        int keys = Math.min(split, len - j0);
        int kvBase = s * context * kvHeads * d + hk * d, kvStride = kvHeads * d;
        for (int e = tid; e < ratio * d; e += THREADS) qL[e] = q.get((s * heads + hk * ratio) * d + e) * scale;
        // scores of the split, SUB keys at a time through local memory (rows read coalesced)
        for (int sub = 0; sub < keys; sub += SUB) {
            ctx.localBarrier();
            stageK(kCache, kS, vals, tid, d, j0 + sub, len, kvBase, kvStride);
            ctx.localBarrier();
            scores(qL, kS, sc, tid, ratio, d, split, sub);
        }
        softmax(ctx, sc, red, mr, tid, ratio, split, keys);
        if (tid < d) accumulate(vCache, sc, acc, vals, tid, ratio, split, keys, kvBase + j0 * kvStride, kvStride);
        write(partials, acc, mr, red, tid, ratio, d, ((s * heads + hk * ratio) * splits + sp) * (d + 2), splits * (d + 2));
    }

    /** {@link #partial} over a bf16 cache: half the bytes read; q, the partials and the output stay fp32. Same grid. */
    @Kernel
    public static void partialBf16(KernelContext ctx, FloatArray q, BFloat16Array kCache, BFloat16Array vCache, IntArray positions,
                                   FloatArray partials, int heads, int kvHeads, int headDim, int context, int split, int splits,
                                   float scale) {
        int ratio = heads / kvHeads, d = headDim;
        float[] qL = ctx.allocateFloatLocalArray(ratio * d);
        float[] kS = ctx.allocateFloatLocalArray(SUB * (d + 1));
        float[] sc = ctx.allocateFloatLocalArray(ratio * split);
        float[] red = ctx.allocateFloatLocalArray(ratio * THREADS);
        float[] mr = new float[ratio];
        float[] acc = new float[ratio];
        float[] vals = new float[BATCH];
        int tid = ctx.localIdx, g = ctx.groupIdx;
        int sp = g % splits, hk = g / splits % kvHeads, s = g / splits / kvHeads;
        int len = Math.min(positions.get(s) + 1, context);
        int j0 = sp * split;
        if (j0 >= len) return;
        int keys = Math.min(split, len - j0);
        int kvBase = s * context * kvHeads * d + hk * d, kvStride = kvHeads * d;
        for (int e = tid; e < ratio * d; e += THREADS) qL[e] = q.get((s * heads + hk * ratio) * d + e) * scale;
        for (int sub = 0; sub < keys; sub += SUB) {
            ctx.localBarrier();
            stageK(kCache, kS, vals, tid, d, j0 + sub, len, kvBase, kvStride);
            ctx.localBarrier();
            scores(qL, kS, sc, tid, ratio, d, split, sub);
        }
        softmax(ctx, sc, red, mr, tid, ratio, split, keys);
        if (tid < d) accumulate(vCache, sc, acc, vals, tid, ratio, split, keys, kvBase + j0 * kvStride, kvStride);
        write(partials, acc, mr, red, tid, ratio, d, ((s * heads + hk * ratio) * splits + sp) * (d + 2), splits * (d + 2));
    }

    /**
     * SUB keys from {@code first} (rows (SUB, headDim + 1) in local memory), positions past the sequence clamped
     * to its last; element e of the tile is key e / d, channel e % d, loaded BATCH at a time THREADS apart (indices
     * past the tile clamped onto its last element, written twice with one value).
     */
    static void stageK(FloatArray k, float[] kS, float[] vals, int tid, int d, int first, int len, int kvBase, int kvStride) {
        int total = SUB * d;
        for (int e0 = tid; e0 < total; e0 += THREADS * BATCH) {
            for (int i = 0; i < BATCH; i++) {
                int e = Math.min(e0 + i * THREADS, total - 1);
                vals[i] = k.get(kvBase + Math.min(first + e / d, len - 1) * kvStride + e % d);
            }
            for (int i = 0; i < BATCH; i++) {
                int e = Math.min(e0 + i * THREADS, total - 1);
                kS[e / d * (d + 1) + e % d] = vals[i];
            }
        }
    }

    static void stageK(BFloat16Array k, float[] kS, float[] vals, int tid, int d, int first, int len, int kvBase, int kvStride) {
        int total = SUB * d;
        for (int e0 = tid; e0 < total; e0 += THREADS * BATCH) {
            for (int i = 0; i < BATCH; i++) {
                int e = Math.min(e0 + i * THREADS, total - 1);
                vals[i] = k.get(kvBase + Math.min(first + e / d, len - 1) * kvStride + e % d);
            }
            for (int i = 0; i < BATCH; i++) {
                int e = Math.min(e0 + i * THREADS, total - 1);
                kS[e / d * (d + 1) + e % d] = vals[i];
            }
        }
    }

    /** sc[r, sub + j] = q_r · k_j for the staged keys and the group's query heads r. */
    static void scores(float[] qL, float[] kS, float[] sc, int tid, int ratio, int d, int split, int sub) {
        for (int w = tid; w < SUB * ratio; w += THREADS) {
            int j = w % SUB, r = w / SUB;
            float dot = 0f;
            for (int c = 0; c < d; c++) dot = Math.fma(qL[r * d + c], kS[j * (d + 1) + c], dot);
            sc[r * split + sub + j] = dot;
        }
    }

    /**
     * Per head r over the split's {@code keys} scores: the max into mr[r] (every work-item), then p = exp(s − max)
     * in place and Σ p into red[r·THREADS], each a tree over the group; ends with a barrier.
     */
    static void softmax(KernelContext ctx, float[] sc, float[] red, float[] mr, int tid, int ratio, int split, int keys) {
        ctx.localBarrier();
        for (int r = 0; r < ratio; r++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int j = tid; j < keys; j += THREADS) m = Math.max(m, sc[r * split + j]);
            red[r * THREADS + tid] = m;
        }
        for (int half = THREADS / 2; half > 0; half >>= 1) {
            ctx.localBarrier();
            if (tid < half) for (int r = 0; r < ratio; r++) red[r * THREADS + tid] = Math.max(red[r * THREADS + tid], red[r * THREADS + tid + half]);
        }
        ctx.localBarrier();
        for (int r = 0; r < ratio; r++) mr[r] = red[r * THREADS];
        ctx.localBarrier();
        for (int r = 0; r < ratio; r++) {
            float l = 0f;
            for (int j = tid; j < keys; j += THREADS) {
                float p = (float) Math.exp(sc[r * split + j] - mr[r]);
                sc[r * split + j] = p;
                l += p;
            }
            red[r * THREADS + tid] = l;
        }
        for (int half = THREADS / 2; half > 0; half >>= 1) {
            ctx.localBarrier();
            if (tid < half) for (int r = 0; r < ratio; r++) red[r * THREADS + tid] += red[r * THREADS + tid + half];
        }
        ctx.localBarrier();
    }

    /**
     * acc[r] = Σ_j p[r, j]·v[j, c] for output channel c = tid, V rows from {@code first} read coalesced, BATCH rows
     * loaded before any is used (rows past the split's keys clamped onto its last and left out of the sums).
     */
    static void accumulate(FloatArray v, float[] sc, float[] acc, float[] vals, int c, int ratio, int split, int keys, int first,
                           int kvStride) {
        for (int r = 0; r < ratio; r++) acc[r] = 0f;
        for (int j0 = 0; j0 < keys; j0 += BATCH) {
            for (int i = 0; i < BATCH; i++) vals[i] = v.get(first + Math.min(j0 + i, keys - 1) * kvStride + c);
            for (int i = 0; i < BATCH; i++) addRow(sc, acc, vals[i], ratio, split, j0 + i, keys);
        }
    }

    static void accumulate(BFloat16Array v, float[] sc, float[] acc, float[] vals, int c, int ratio, int split, int keys, int first,
                           int kvStride) {
        for (int r = 0; r < ratio; r++) acc[r] = 0f;
        for (int j0 = 0; j0 < keys; j0 += BATCH) {
            for (int i = 0; i < BATCH; i++) vals[i] = v.get(first + Math.min(j0 + i, keys - 1) * kvStride + c);
            for (int i = 0; i < BATCH; i++) addRow(sc, acc, vals[i], ratio, split, j0 + i, keys);
        }
    }

    /** acc[r] += p[r, j]·x for each head r, where key j is one of the split's. */
    static void addRow(float[] sc, float[] acc, float x, int ratio, int split, int j, int keys) {
        int at = Math.min(j, keys - 1);
        for (int r = 0; r < ratio; r++) {
            float old = acc[r]; // read outside the select, which then needs no branch
            float sum = Math.fma(sc[r * split + at], x, old);
            acc[r] = j < keys ? sum : old;
        }
    }

    /** The split's partials of each head r: m, l (work-item 0), then the output channels (work-items below headDim). */
    static void write(FloatArray partials, float[] acc, float[] mr, float[] red, int tid, int ratio, int d, int out, int headStride) {
        if (tid < d) for (int r = 0; r < ratio; r++) partials.set(out + r * headStride + 2 + tid, acc[r]);
        if (tid == 0)
            for (int r = 0; r < ratio; r++) {
                partials.set(out + r * headStride, mr[r]);
                partials.set(out + r * headStride + 1, red[r * THREADS]);
            }
    }

    /** Grid: global headDim·heads·batch (1D), local headDim: one work-item per output channel. */
    @Kernel
    public static void combine(KernelContext ctx, FloatArray partials, IntArray positions, FloatArray o, int heads, int headDim,
                               int split, int splits) {
        int d = headDim, c = ctx.localIdx, g = ctx.groupIdx;
        int h = g % heads, s = g / heads;
        int used = Math.min((positions.get(s) + split) / split, splits); // splits holding positions 0 … positions[s]
        int base = (s * heads + h) * splits * (d + 2);
        // BATCH splits' values loaded before any is used; indices past the last split clamped onto it, left out by
        // the max (a repeat) and by the sums (the select)
        float[] m = new float[BATCH], ls = new float[BATCH], xs = new float[BATCH];
        float max = Float.NEGATIVE_INFINITY;
        for (int sp0 = 0; sp0 < used; sp0 += BATCH) {
            for (int i = 0; i < BATCH; i++) m[i] = partials.get(base + Math.min(sp0 + i, used - 1) * (d + 2));
            for (int i = 0; i < BATCH; i++) max = Math.max(max, m[i]);
        }
        float l = 0f, acc = 0f;
        for (int sp0 = 0; sp0 < used; sp0 += BATCH) {
            for (int i = 0; i < BATCH; i++) {
                int at = base + Math.min(sp0 + i, used - 1) * (d + 2);
                m[i] = partials.get(at);
                ls[i] = partials.get(at + 1);
                xs[i] = partials.get(at + 2 + c);
            }
            for (int i = 0; i < BATCH; i++) {
                float w = (float) Math.exp(m[i] - max);
                float lNext = Math.fma(w, ls[i], l), accNext = Math.fma(w, xs[i], acc);
                boolean in = sp0 + i < used;
                l = in ? lNext : l;
                acc = in ? accNext : acc;
            }
        }
        if (c < d) o.set((s * heads + h) * d + c, acc / l);
    }
}
