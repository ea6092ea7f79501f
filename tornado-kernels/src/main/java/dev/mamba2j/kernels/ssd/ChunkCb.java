package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * C·Bᵀ within each chunk and group: the "attention scores" of the quadratic (dual) form,
 * cb[s,t] = Σ_n C[s,n]·B[t,n] for t ≤ s (the causal lower triangle; zero above it and past L).
 *
 * <p>Tiled as in {@link SsdTiles}: a work-group owns a tile (s) × tile (t) block of cb and reduces over n
 * in steps, A = C (s × n) and B = Bᵀ (n × t). Tiles wholly above the diagonal or past L skip the
 * reduction and only write their zeros.
 */
public final class ChunkCb {
    private ChunkCb() {}

    /**
     * One work-group of {@code threads} per (batch, chunk, group, s-tile, t-tile), for the tiling
     * ({@link SsdTiling}) tile, step, threads. Grid: global threads·sTiles²·groups·chunks·batch, local
     * threads (1D), with sTiles = ⌈chunk/tile⌉.
     */
    @Kernel
    public static void chunkCb(KernelContext ctx, FloatArray b, FloatArray c, BFloat16Array bH, BFloat16Array cH, FloatArray cb,
                               int seqLen, int groups, int dState, int chunk, int nChunks, boolean bf16, int tile, int step, int threads) {
        int sTiles = (chunk + tile - 1) / tile;
        int tid = ctx.localIdx;
        int grp = ctx.groupIdx; // (((b·chunks + c)·groups + g)·sTiles + st)·sTiles + tt
        int t0 = grp % sTiles * tile;
        int s0 = grp / sTiles % sTiles * tile;
        int g = grp / sTiles / sTiles % groups;
        int ci = grp / sTiles / sTiles / groups % nChunks;
        int bi = grp / sTiles / sTiles / groups / nChunks;
        int start = ci * chunk;
        int len = Math.min(chunk, seqLen - start);
        int tokens = bi * seqLen + start;

        int lda = SsdTiles.lda(step), ldb = SsdTiles.ldb(tile), ldc = SsdTiles.ldc(tile);
        // aTile[s][k] = C[s0+s, n0+k], bTile[k][t] = B[t0+t, n0+k], acc[s][t] = cb[s0+s, t0+t].
        float[] aTile = ctx.allocateFloatLocalArray(tile * lda);
        float[] bTile = ctx.allocateFloatLocalArray(step * ldb);
        float[] acc = ctx.allocateFloatLocalArray(tile * ldc);
        for (int e = tid; e < tile * tile; e += threads)
            acc[e / tile * ldc + e % tile] = 0f;

        // Nothing to sum where the tile lies above the diagonal or past L (uniform over the work-group).
        int steps = t0 > s0 + tile - 1 || s0 >= len ? 0 : (dState + step - 1) / step;
        for (int st = 0; st < steps; st++) {
            int n0 = st * step;
            // Both slices are read along n, contiguous in memory.
            for (int e = tid; e < tile * step; e += threads) {
                int row = e / step;
                int k = e % step;
                int n = n0 + k;
                int s = s0 + row;
                int t = t0 + row;
                aTile[row * lda + k] = s < len && n < dState ? SsdTiles.load(c, cH, bf16, ((tokens + s) * groups + g) * dState + n) : 0f;
                bTile[k * ldb + row] = t < len && n < dState ? SsdTiles.load(b, bH, bf16, ((tokens + t) * groups + g) * dState + n) : 0f;
            }
            SsdTiles.multiplyAdd(ctx, bf16, tile, step, aTile, bTile, acc);
        }

        // Each work-item writes the elements it zeroed, so a tile without steps needs no barrier either.
        int base = ((bi * nChunks + ci) * groups + g) * chunk; // cb[b,c,g,s,t]
        for (int e = tid; e < tile * tile; e += threads) {
            int sl = e / tile;
            int tl = e % tile;
            int s = s0 + sl;
            int t = t0 + tl;
            if (s < chunk && t < chunk) cb.set((base + s) * chunk + t, t <= s && s < len ? acc[sl * ldc + tl] : 0f);
        }
    }
}
