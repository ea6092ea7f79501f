package dev.mamba2j.kernels.attention;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * Rotary position embedding: the first rotary_dim dimensions of each head, taken as pairs
 * (x1, x2), are rotated by the angle of their frequency at the token's position,
 * <pre>  x1' = x1·cos − x2·sin,   x2' = x1·sin + x2·cos</pre>
 * and the other dimensions pass through. A pair is (i, i + rotary_dim/2) by default (GPT-NeoX),
 * or (2i, 2i+1) when interleaved (GPT-J).
 *
 * <p>Layouts: x and out (batch, L, heads, headdim); cos and sin (positions, rotary_dim/2), read at
 * row t + offset for token t (offset: the tokens already in a cache).
 */
public final class Rotary {
    private Rotary() {}

    /**
     * One work-item per output element, reading its own value and its pair's (so out must not be x).
     * Grid: global batch·L·heads·headdim (1D), any local size.
     */
    @Kernel
    public static void rotary(KernelContext ctx, FloatArray x, FloatArray cos, FloatArray sin, FloatArray out,
                              int seqLen, int heads, int headDim, int rotaryDim, int offset, boolean interleaved,
                              int total) {
        int i = ctx.globalIdx;
        if (i >= total) return;
        int e = i % headDim;
        float xv = x.get(i);
        if (e >= rotaryDim) {
            out.set(i, xv);
            return;
        }
        int half = rotaryDim / 2;
        int t = i / headDim / heads % seqLen;
        boolean first = interleaved ? e % 2 == 0 : e < half;
        int pair = interleaved ? e / 2 : e % half;
        int partner = interleaved ? (first ? i + 1 : i - 1) : (first ? i + half : i - half);
        int at = (t + offset) * half + pair;
        float other = x.get(partner);
        // first: x1·cos − x2·sin; second: x2·cos + x1·sin (x is the element itself, other its pair)
        out.set(i, xv * cos.get(at) + (first ? -other : other) * sin.get(at));
    }
}
