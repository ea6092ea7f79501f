package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * C·Bᵀ within each chunk and group: the "attention scores" of the quadratic (dual) form,
 * cb[s,t] = Σ_n C[s,n]·B[t,n] for t ≤ s (the causal lower triangle; zero above it and past L).
 *
 * <p>Tiled as in {@link SsdTiles}: a work-group owns a 64 (s) × 64 (t) tile of cb and reduces over n
 * in steps of 32, A = C (s × n) and B = Bᵀ (n × t). Tiles wholly above the diagonal or past L
 * skip the reduction and only write their zeros.
 */
public final class ChunkCb {
    private ChunkCb() {}

    /**
     * One work-group of {@link SsdTiles#THREADS} per (batch, chunk, group, s-tile, t-tile).
     * Grid: global {@link SsdTiles#THREADS}·sTiles²·groups·chunks·batch, local {@link SsdTiles#THREADS} (1D),
     * with sTiles = ⌈chunk/64⌉.
     */
    @Kernel
    public static void chunkCb(KernelContext ctx, FloatArray b, FloatArray c, BFloat16Array bH, BFloat16Array cH, FloatArray cb,
                               int seqLen, int groups, int dState, int chunk, int nChunks, boolean bf16) {
        int sTiles = (chunk + SsdTiles.TILE - 1) / SsdTiles.TILE;
        int tid = ctx.localIdx;
        int grp = ctx.groupIdx; // (((b·chunks + c)·groups + g)·sTiles + st)·sTiles + tt
        int t0 = grp % sTiles * SsdTiles.TILE;
        int s0 = grp / sTiles % sTiles * SsdTiles.TILE;
        int g = grp / sTiles / sTiles % groups;
        int ci = grp / sTiles / sTiles / groups % nChunks;
        int bi = grp / sTiles / sTiles / groups / nChunks;
        int start = ci * chunk;
        int len = Math.min(chunk, seqLen - start);
        int tokens = bi * seqLen + start;

        // aTile[s][k] = C[s0+s, n0+k], bTile[k][t] = B[t0+t, n0+k], acc[s][t] = cb[s0+s, t0+t].
        float[] aTile = ctx.allocateFloatLocalArray(SsdTiles.TILE * SsdTiles.LDA);
        float[] bTile = ctx.allocateFloatLocalArray(SsdTiles.STEP * SsdTiles.LDB);
        float[] acc = ctx.allocateFloatLocalArray(SsdTiles.TILE * SsdTiles.LDC);
        for (int e = tid; e < SsdTiles.TILE * SsdTiles.TILE; e += SsdTiles.THREADS)
            acc[e / SsdTiles.TILE * SsdTiles.LDC + e % SsdTiles.TILE] = 0f;

        // Nothing to sum where the tile lies above the diagonal or past L (uniform over the work-group).
        int steps = t0 > s0 + SsdTiles.TILE - 1 || s0 >= len ? 0 : (dState + SsdTiles.STEP - 1) / SsdTiles.STEP;
        for (int step = 0; step < steps; step++) {
            int n0 = step * SsdTiles.STEP;
            // Both slices are read along n, contiguous in memory.
            for (int e = tid; e < SsdTiles.TILE * SsdTiles.STEP; e += SsdTiles.THREADS) {
                int row = e / SsdTiles.STEP;
                int k = e % SsdTiles.STEP;
                int n = n0 + k;
                int s = s0 + row;
                int t = t0 + row;
                aTile[row * SsdTiles.LDA + k] = s < len && n < dState ? SsdTiles.load(c, cH, bf16, ((tokens + s) * groups + g) * dState + n) : 0f;
                bTile[k * SsdTiles.LDB + row] = t < len && n < dState ? SsdTiles.load(b, bH, bf16, ((tokens + t) * groups + g) * dState + n) : 0f;
            }
            SsdTiles.multiplyAdd(ctx, bf16, aTile, bTile, acc);
        }

        // Each work-item writes the elements it zeroed, so a tile without steps needs no barrier either.
        int base = ((bi * nChunks + ci) * groups + g) * chunk; // cb[b,c,g,s,t]
        for (int e = tid; e < SsdTiles.TILE * SsdTiles.TILE; e += SsdTiles.THREADS) {
            int sl = e / SsdTiles.TILE;
            int tl = e % SsdTiles.TILE;
            int s = s0 + sl;
            int t = t0 + tl;
            if (s < chunk && t < chunk) cb.set((base + s) * chunk + t, t <= s && s < len ? acc[sl * SsdTiles.LDC + tl] : 0f);
        }
    }

    /**
     * {@link #chunkCb} on the tiles of {@link CompactTiles} (half the reduction step, 27.5 KiB of local
     * memory), for devices whose local memory cannot hold {@link SsdTiles}'; same grid.
     */
    @Kernel
    public static void chunkCbCompact(KernelContext ctx, FloatArray b, FloatArray c, BFloat16Array bH, BFloat16Array cH, FloatArray cb,
                                      int seqLen, int groups, int dState, int chunk, int nChunks, boolean bf16) {
        int sTiles = (chunk + CompactTiles.TILE - 1) / CompactTiles.TILE;
        int tid = ctx.localIdx;
        int grp = ctx.groupIdx; // (((b·chunks + c)·groups + g)·sTiles + st)·sTiles + tt
        int t0 = grp % sTiles * CompactTiles.TILE;
        int s0 = grp / sTiles % sTiles * CompactTiles.TILE;
        int g = grp / sTiles / sTiles % groups;
        int ci = grp / sTiles / sTiles / groups % nChunks;
        int bi = grp / sTiles / sTiles / groups / nChunks;
        int start = ci * chunk;
        int len = Math.min(chunk, seqLen - start);
        int tokens = bi * seqLen + start;

        // aTile[s][k] = C[s0+s, n0+k], bTile[k][t] = B[t0+t, n0+k], acc[s][t] = cb[s0+s, t0+t].
        float[] aTile = ctx.allocateFloatLocalArray(CompactTiles.TILE * CompactTiles.LDA);
        float[] bTile = ctx.allocateFloatLocalArray(CompactTiles.STEP * CompactTiles.LDB);
        float[] acc = ctx.allocateFloatLocalArray(CompactTiles.TILE * CompactTiles.LDC);
        for (int e = tid; e < CompactTiles.TILE * CompactTiles.TILE; e += CompactTiles.THREADS)
            acc[e / CompactTiles.TILE * CompactTiles.LDC + e % CompactTiles.TILE] = 0f;

        // Nothing to sum where the tile lies above the diagonal or past L (uniform over the work-group).
        int steps = t0 > s0 + CompactTiles.TILE - 1 || s0 >= len ? 0 : (dState + CompactTiles.STEP - 1) / CompactTiles.STEP;
        for (int step = 0; step < steps; step++) {
            int n0 = step * CompactTiles.STEP;
            // Both slices are read along n, contiguous in memory.
            for (int e = tid; e < CompactTiles.TILE * CompactTiles.STEP; e += CompactTiles.THREADS) {
                int row = e / CompactTiles.STEP;
                int k = e % CompactTiles.STEP;
                int n = n0 + k;
                int s = s0 + row;
                int t = t0 + row;
                aTile[row * CompactTiles.LDA + k] = s < len && n < dState ? SsdTiles.load(c, cH, bf16, ((tokens + s) * groups + g) * dState + n) : 0f;
                bTile[k * CompactTiles.LDB + row] = t < len && n < dState ? SsdTiles.load(b, bH, bf16, ((tokens + t) * groups + g) * dState + n) : 0f;
            }
            CompactTiles.multiplyAdd(ctx, bf16, aTile, bTile, acc);
        }

        // Each work-item writes the elements it zeroed, so a tile without steps needs no barrier either.
        int base = ((bi * nChunks + ci) * groups + g) * chunk; // cb[b,c,g,s,t]
        for (int e = tid; e < CompactTiles.TILE * CompactTiles.TILE; e += CompactTiles.THREADS) {
            int sl = e / CompactTiles.TILE;
            int tl = e % CompactTiles.TILE;
            int s = s0 + sl;
            int t = t0 + tl;
            if (s < chunk && t < chunk) cb.set((base + s) * chunk + t, t <= s && s < len ? acc[sl * CompactTiles.LDC + tl] : 0f);
        }
    }
}
