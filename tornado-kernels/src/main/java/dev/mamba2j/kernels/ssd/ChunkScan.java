package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * Steps 1 and 4 fused: the outputs of each chunk, y = (L ∘ C·Bᵀ)·(dt·x) within the chunk
 * (the diagonal block) plus exp(cs)·C·S_prev (the state entering the chunk), then the D skip and
 * the z gate y·silu(z).
 */
public final class ChunkScan {
    /** How D is given: absent, one per head, or one per (head, headdim). */
    public static final int D_NONE = 0, D_PER_HEAD = 1, D_PER_CHANNEL = 2;

    private ChunkScan() {}

    /**
     * One work-group per (batch, chunk, head, position s), one work-item per headdim channel p.
     * Grid: global headdim·chunk·heads·chunks·batch, local headdim (1D: the row count can exceed a
     * 2D grid's y limit).
     */
    @Kernel
    public static void chunkScan(KernelContext ctx, FloatArray x, FloatArray z, FloatArray c, FloatArray cb,
                                 FloatArray dtOut, FloatArray dACumsum, FloatArray prevStates, FloatArray d,
                                 IntArray seqIdx, FloatArray y, int seqLen, int heads, int headDim, int groups,
                                 int dState, int chunk, int dMode, boolean hasZ, boolean hasSeqIdx) {
        int p = ctx.localIdx;
        int nChunks = (seqLen + chunk - 1) / chunk;
        int row = ctx.groupIdx; // ((b·chunks + c)·heads + h)·chunk + s
        int s = row % chunk;
        int h = row / chunk % heads;
        int ci = row / chunk / heads % nChunks;
        int bi = row / chunk / heads / nChunks;
        int g = h / (heads / groups);
        int start = ci * chunk;
        int l = start + s;
        boolean valid = l < seqLen;
        int cs = ((bi * heads + h) * nChunks + ci) * chunk;
        float csS = dACumsum.get(cs + s);
        int seqS = hasSeqIdx && valid ? seqIdx.get(bi * seqLen + l) : 0;

        // w[t] = (C_s·B_t)·exp(cs[s] − cs[t])·dt[t] for t ≤ s in the same sequence: row s of L ∘ C·Bᵀ.
        float[] w = ctx.allocateFloatLocalArray(chunk);
        float[] cRow = ctx.allocateFloatLocalArray(dState);
        for (int t = p; t < chunk; t += headDim) {
            float wt = 0f;
            if (valid && t <= s && (!hasSeqIdx || seqIdx.get(bi * seqLen + start + t) == seqS)) {
                float decay = (float) Math.exp(csS - dACumsum.get(cs + t));
                wt = cb.get((((bi * nChunks + ci) * groups + g) * chunk + s) * chunk + t) * decay * dtOut.get(cs + t);
            }
            w[t] = wt;
        }
        for (int n = p; n < dState; n += headDim) cRow[n] = valid ? c.get(((bi * seqLen + l) * groups + g) * dState + n) : 0f;
        ctx.localBarrier();
        if (!valid) return;

        float acc = 0f;
        for (int t = 0; t <= s; t++) acc += w[t] * x.get(((bi * seqLen + start + t) * heads + h) * headDim + p);

        int prevSeq = hasSeqIdx ? seqIdx.get(bi * seqLen + (ci == 0 ? 0 : start - 1)) : 0;
        if (seqS == prevSeq) {
            int state = (((bi * nChunks + ci) * heads + h) * headDim + p) * dState;
            float fromState = 0f;
            for (int n = 0; n < dState; n++) fromState += cRow[n] * prevStates.get(state + n);
            acc += (float) Math.exp(csS) * fromState;
        }

        int at = ((bi * seqLen + l) * heads + h) * headDim + p;
        float xv = x.get(at);
        if (dMode == D_PER_HEAD) acc += d.get(h) * xv;
        else if (dMode == D_PER_CHANNEL) acc += d.get(h * headDim + p) * xv;
        if (hasZ) {
            float zv = z.get(at);
            acc *= zv / (1f + (float) Math.exp(-zv));
        }
        y.set(at, acc);
    }
}
