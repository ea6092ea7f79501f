package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/** C·Bᵀ within each chunk and group: the "attention scores" of the quadratic (dual) form. */
public final class ChunkCb {
    private ChunkCb() {}

    /**
     * cb[b,c,g,s,t] = Σ_n C[s,n]·B[t,n] for t ≤ s (the causal lower triangle; zero above it and past L).
     * Grid: global chunk·chunk·groups·chunks·batch (1D), any local size; {@code size} is that product.
     */
    @Kernel
    public static void chunkCb(KernelContext ctx, FloatArray b, FloatArray c, FloatArray cb,
                               int seqLen, int groups, int dState, int chunk, int nChunks, int size) {
        int i = ctx.globalIdx;
        if (i >= size) return;
        int t = i % chunk;
        int row = i / chunk; // ((b·chunks + c)·groups + g)·chunk + s
        int s = row % chunk;
        int g = (row / chunk) % groups;
        int ci = row / chunk / groups % nChunks;
        int bi = row / chunk / groups / nChunks;
        int ls = ci * chunk + s;
        int lt = ci * chunk + t;
        float acc = 0f;
        if (t <= s && ls < seqLen) {
            int cOff = ((bi * seqLen + ls) * groups + g) * dState;
            int bOff = ((bi * seqLen + lt) * groups + g) * dState;
            for (int n = 0; n < dState; n++) acc += c.get(cOff + n) * b.get(bOff + n);
        }
        cb.set(row * chunk + t, acc);
    }
}
