package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/** Step 2: the state each chunk produces on its own, as if it started from zero. */
public final class ChunkState {
    private ChunkState() {}

    /**
     * states[b,c,h,p,n] = Σ_t x[t,p]·dt[t]·exp(cs[last] − cs[t])·B[t,n] over the chunk's tokens of
     * the chunk's last sequence. One work-group per (batch, chunk, head, p), one work-item per n.
     * Grid: global d_state·headdim·heads·chunks·batch, local d_state (1D).
     */
    @Kernel
    public static void chunkState(KernelContext ctx, FloatArray x, FloatArray b, FloatArray dtOut,
                                  FloatArray dACumsum, IntArray seqIdx, FloatArray states,
                                  int seqLen, int heads, int headDim, int groups, int dState,
                                  int chunk, int nChunks, boolean hasSeqIdx) {
        int n = ctx.localIdx;
        int row = ctx.groupIdx; // ((b·chunks + c)·heads + h)·headdim + p
        int p = row % headDim;
        int h = row / headDim % heads;
        int ci = row / headDim / heads % nChunks;
        int bi = row / headDim / heads / nChunks;
        int g = h / (heads / groups);
        int start = ci * chunk;
        int last = Math.min(chunk, seqLen - start) - 1;
        int cs = ((bi * heads + h) * nChunks + ci) * chunk;
        float csLast = dACumsum.get(cs + last);
        int seqLast = hasSeqIdx ? seqIdx.get(bi * seqLen + start + last) : 0;

        // w[t] = x[t,p]·dt[t]·decay(t → chunk end): shared by the work-group, computed once.
        float[] w = ctx.allocateFloatLocalArray(chunk);
        for (int t = n; t < chunk; t += dState) {
            float wt = 0f;
            if (t <= last && (!hasSeqIdx || seqIdx.get(bi * seqLen + start + t) == seqLast)) {
                float xv = x.get(((bi * seqLen + start + t) * heads + h) * headDim + p);
                wt = xv * dtOut.get(cs + t) * (float) Math.exp(csLast - dACumsum.get(cs + t));
            }
            w[t] = wt;
        }
        ctx.localBarrier();

        float acc = 0f;
        for (int t = 0; t <= last; t++) acc += w[t] * b.get(((bi * seqLen + start + t) * groups + g) * dState + n);
        states.set(row * dState + n, acc);
    }
}
