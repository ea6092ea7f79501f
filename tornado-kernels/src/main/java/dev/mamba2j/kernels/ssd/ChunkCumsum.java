package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/** Step 0: dt after bias, softplus and clamp, and the inclusive cumsum of dt·A within each chunk. */
public final class ChunkCumsum {
    private ChunkCumsum() {}

    /**
     * One work-group per (batch, head, chunk), one work-item per chunk position.
     * Grid: global chunk·batch·heads·chunks, local chunk (1D: the row count can exceed a 2D grid's y limit).
     */
    @Kernel
    public static void chunkCumsum(KernelContext ctx, FloatArray dt, BFloat16Array dtH, FloatArray dtBias, FloatArray a,
                                   FloatArray dtOut, FloatArray dACumsum, int seqLen, int heads,
                                   int chunk, int nChunks, boolean softplus, float dtMin, float dtMax, boolean bf16) {
        int t = ctx.localIdx;
        int row = ctx.groupIdx; // (b·heads + h)·chunks + c
        int c = row % nChunks;
        int h = (row / nChunks) % heads;
        int b = row / nChunks / heads;
        int l = c * chunk + t;
        float[] sum = ctx.allocateFloatLocalArray(chunk);

        float v = 0f;
        if (l < seqLen) {
            v = SsdTiles.load(dt, dtH, bf16, (b * seqLen + l) * heads + h) + dtBias.get(h);
            if (softplus) v = v <= 20f ? (float) Math.log(1f + (float) Math.exp(v)) : v;
            v = Math.min(Math.max(v, dtMin), dtMax);
        }
        dtOut.set(row * chunk + t, v);
        sum[t] = v * a.get(h);
        ctx.localBarrier();
        // Hillis–Steele inclusive scan: log2(chunk) rounds of "add the value off places back".
        for (int off = 1; off < chunk; off <<= 1) {
            float add = t >= off ? sum[t - off] : 0f;
            ctx.localBarrier();
            sum[t] += add;
            ctx.localBarrier();
        }
        dACumsum.set(row * chunk + t, sum[t]);
    }
}
