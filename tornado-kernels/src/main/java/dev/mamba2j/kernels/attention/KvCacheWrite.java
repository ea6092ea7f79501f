package dev.mamba2j.kernels.attention;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
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
 * headDim); caches (batch, context, kvHeads, headDim). Positions at or past context are not written.
 */
public final class KvCacheWrite {
    private KvCacheWrite() {}

    /** Grid: global ((heads + 2·kvHeads)·headDim, rows) (2D), any local size. */
    @Kernel
    public static void rotaryToCache(KernelContext ctx, FloatArray qkv, FloatArray cos, FloatArray sin, IntArray seqIdx,
                                     IntArray seqStart, IntArray base, FloatArray q, FloatArray kCache, FloatArray vCache,
                                     int rows, int heads, int kvHeads, int headDim, int rotaryDim, boolean interleaved, int context) {
        int c = ctx.globalIdx, r = ctx.globalIdy;
        int qWidth = heads * headDim, kvWidth = kvHeads * headDim, width = qWidth + 2 * kvWidth;
        if (c >= width || r >= rows) return;
        int s = seqIdx.get(r);
        int pos = r - seqStart.get(s) + base.get(s);
        int e = c % headDim;
        int at = r * width + c;
        float x = qkv.get(at);
        float value = x;
        if (c < qWidth + kvWidth && e < rotaryDim) {
            int half = rotaryDim / 2;
            boolean first = interleaved ? e % 2 == 0 : e < half;
            int pair = interleaved ? e / 2 : e % half;
            int partner = interleaved ? (first ? at + 1 : at - 1) : (first ? at + half : at - half);
            int t = Math.min(pos, context - 1) * half + pair;
            float other = qkv.get(partner);
            value = x * cos.get(t) + (first ? -other : other) * sin.get(t);
        }
        if (c < qWidth) {
            q.set(r * qWidth + c, value);
        } else if (pos < context) {
            int kv = c < qWidth + kvWidth ? c - qWidth : c - qWidth - kvWidth;
            int cacheAt = (s * context + pos) * kvWidth + kv;
            if (c < qWidth + kvWidth) kCache.set(cacheAt, value);
            else vCache.set(cacheAt, value);
        }
    }
}
