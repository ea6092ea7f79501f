package dev.mamba2j.kernels.attention;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * The step between an attention layer's packed q/k/v projection and its attention: the rotary embedding
 * of q and k at each token's position, q into its own array, k and v into the sequence's cache at that
 * position. Prefill and decoding differ only in the index arrays: row r belongs to sequence
 * seqIdx[r] and sits at position r − seqStart[seqIdx[r]] + base[seqIdx[r]] (prefill: the packed prompts
 * with base 0; decoding: one row per sequence, seqIdx[s] = seqStart[s] = s, base the positions reached).
 *
 * <p>Rotary: the first rotaryDim channels of each head, as pairs (i, i + rotaryDim/2) (GPT-NeoX's rotate
 * half) or (2i, 2i+1) when interleaved, rotated by the angle of pair i at the position: x1' = x1·cos −
 * x2·sin, x2' = x2·cos + x1·sin; cos and sin tables (positions, rotaryDim/2). rotaryDim 0: none.
 *
 * <p>Layouts (fp32): qkv (rows, (heads + 2·kvHeads)·headDim) as [q heads, k heads, v heads]; q (rows, heads,
 * headDim); caches (batch, context, kvHeads, headDim), fp32 or bf16. Positions at or past context are not written.
 */
public final class KvCacheWrite {
    private KvCacheWrite() {}

    /** Grid: global ((heads + 2·kvHeads)·headDim, rows) (2D), any local size. */
    @Kernel
    public static void rotaryToCache(KernelContext ctx, FloatArray qkv, FloatArray cos, FloatArray sin, IntArray seqIdx,
                                     IntArray seqStart, IntArray base, FloatArray q, FloatArray kCache, FloatArray vCache,
                                     int rows, int heads, int kvHeads, int headDim, int rotaryDim, boolean interleaved, int context) {
        int c = ctx.globalIdx, r = ctx.globalIdy;
        int qWidth = heads * headDim, kvWidth = kvHeads * headDim;
        if (c >= qWidth + 2 * kvWidth || r >= rows) return;
        int s = seqIdx.get(r);
        int pos = r - seqStart.get(s) + base.get(s);
        float value = rotated(qkv, cos, sin, r, c, qWidth, kvWidth, headDim, rotaryDim, interleaved, pos, context);
        if (c < qWidth) q.set(r * qWidth + c, value);
        else if (pos < context) {
            int at = cacheIndex(s, pos, c, qWidth, kvWidth, context);
            if (c < qWidth + kvWidth) kCache.set(at, value);
            else vCache.set(at, value);
        }
    }

    /** {@link #rotaryToCache} into a bf16 cache (k and v rounded to nearest even). Same grid. */
    @Kernel
    public static void rotaryToCacheBf16(KernelContext ctx, FloatArray qkv, FloatArray cos, FloatArray sin, IntArray seqIdx,
                                         IntArray seqStart, IntArray base, FloatArray q, BFloat16Array kCache, BFloat16Array vCache,
                                         int rows, int heads, int kvHeads, int headDim, int rotaryDim, boolean interleaved, int context) {
        int c = ctx.globalIdx, r = ctx.globalIdy;
        int qWidth = heads * headDim, kvWidth = kvHeads * headDim;
        if (c >= qWidth + 2 * kvWidth || r >= rows) return;
        int s = seqIdx.get(r);
        int pos = r - seqStart.get(s) + base.get(s);
        float value = rotated(qkv, cos, sin, r, c, qWidth, kvWidth, headDim, rotaryDim, interleaved, pos, context);
        if (c < qWidth) q.set(r * qWidth + c, value);
        else if (pos < context) {
            int at = cacheIndex(s, pos, c, qWidth, kvWidth, context);
            if (c < qWidth + kvWidth) kCache.set(at, value);
            else vCache.set(at, value);
        }
    }

    /** Element c of row r of qkv, rotated when it is among the first rotaryDim channels of a q or k head. */
    static float rotated(FloatArray qkv, FloatArray cos, FloatArray sin, int r, int c, int qWidth, int kvWidth, int headDim, int rotaryDim,
                         boolean interleaved, int pos, int context) {
        int e = c % headDim;
        int at = r * (qWidth + 2 * kvWidth) + c;
        float x = qkv.get(at);
        if (c >= qWidth + kvWidth || e >= rotaryDim) return x;
        int half = rotaryDim / 2;
        boolean first = interleaved ? e % 2 == 0 : e < half;
        int pair = interleaved ? e / 2 : e % half;
        int partner = interleaved ? (first ? at + 1 : at - 1) : (first ? at + half : at - half);
        int t = Math.min(pos, context - 1) * half + pair;
        float other = qkv.get(partner);
        return x * cos.get(t) + (first ? -other : other) * sin.get(t);
    }

    /** Where column c (a k or v column) of a row of sequence s at position pos goes in its cache. */
    static int cacheIndex(int s, int pos, int c, int qWidth, int kvWidth, int context) {
        int kv = c < qWidth + kvWidth ? c - qWidth : c - qWidth - kvWidth;
        return (s * context + pos) * kvWidth + kv;
    }
}
