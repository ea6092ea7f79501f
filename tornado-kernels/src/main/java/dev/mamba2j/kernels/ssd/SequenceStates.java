package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/** The state after the last token of each packed sequence (cu_seqlens, batch 1). */
public final class SequenceStates {
    private SequenceStates() {}

    /**
     * For sequence [begin, end) whose last token e lies in chunk c: the part of the chunk's tokens
     * that belong to it, decayed to e, plus the state entering chunk c decayed by exp(cs[e]) when
     * the sequence began in an earlier chunk. An empty sequence ends in the zero state.
     * Grid: global d_state·headdim·heads·sequences, local d_state (1D).
     */
    @Kernel
    public static void sequenceStates(KernelContext ctx, FloatArray x, FloatArray b, BFloat16Array xH, BFloat16Array bH,
                                      FloatArray dtOut, FloatArray dACumsum, FloatArray prevStates, IntArray cuSeqlens,
                                      FloatArray out, int heads, int headDim, int groups, int dState,
                                      int chunk, int nChunks, boolean bf16) {
        int n = ctx.localIdx;
        int row = ctx.groupIdx; // (sequence·heads + h)·headdim + p
        int p = row % headDim;
        int h = row / headDim % heads;
        int seq = row / headDim / heads;
        int g = h / (heads / groups);
        int begin = cuSeqlens.get(seq);
        int end = cuSeqlens.get(seq + 1);
        if (begin == end) { // uniform across the work-group: no work-item reaches the barrier
            out.set(row * dState + n, 0f);
            return;
        }
        int ci = (end - 1) / chunk;
        int start = ci * chunk;
        int last = end - 1 - start;
        int first = Math.max(begin - start, 0);
        int cs = (h * nChunks + ci) * chunk;
        float csLast = dACumsum.get(cs + last);

        float[] w = ctx.allocateFloatLocalArray(chunk);
        for (int t = n; t < chunk; t += dState) {
            float wt = 0f;
            if (t >= first && t <= last)
                wt = SsdTiles.load(x, xH, bf16, ((start + t) * heads + h) * headDim + p) * dtOut.get(cs + t) * (float) Math.exp(csLast - dACumsum.get(cs + t));
            w[t] = wt;
        }
        ctx.localBarrier();

        float acc = 0f;
        for (int t = first; t <= last; t++) acc += w[t] * SsdTiles.load(b, bH, bf16, ((start + t) * groups + g) * dState + n);
        // The entering state counts when the sequence began in an earlier chunk, or when it holds
        // token 0 (prevStates of chunk 0 is the initial state, or zero without one).
        if (begin < start || begin == 0) acc += (float) Math.exp(csLast) * prevStates.get(((ci * heads + h) * headDim + p) * dState + n);
        out.set(row * dState + n, acc);
    }
}
