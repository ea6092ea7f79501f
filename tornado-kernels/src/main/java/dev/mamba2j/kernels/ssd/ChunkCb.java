package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * C·Bᵀ within each chunk and group: the "attention scores" of the quadratic (dual) form,
 * cb[s,t] = Σ_n C[s,n]·B[t,n] for t ≤ s (the causal lower triangle; zero above it and past L).
 *
 * <p>Tiled as in {@link SsdTiles}: a work-group of 64 owns a 64 (s) × 64 (t) tile of cb, each
 * work-item an 8×8 register tile; the reduction over n runs in steps of 16, staging C and B slices.
 * Tiles wholly above the diagonal only write their zeros. Benchmark shape: 256 chunks × 256² × 64 × 2
 * ≈ 2.1 GFLOP (about 1.3 of it below the diagonal); the previous kernel (each output a global-memory
 * dot product) took 2.2 ms on an H100, this one should take ≈ 0.1–0.2 ms.
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
        int tx = tid % SsdTiles.SIDE;
        int ty = tid / SsdTiles.SIDE;
        int grp = ctx.groupIdx; // (((b·chunks + c)·groups + g)·sTiles + st)·sTiles + tt
        int t0 = grp % sTiles * SsdTiles.TILE;
        int s0 = grp / sTiles % sTiles * SsdTiles.TILE;
        int g = grp / sTiles / sTiles % groups;
        int ci = grp / sTiles / sTiles / groups % nChunks;
        int bi = grp / sTiles / sTiles / groups / nChunks;
        int start = ci * chunk;
        int len = Math.min(chunk, seqLen - start);
        int tokens = bi * seqLen + start;

        // aTile[k][s] = C[s0+s, n0+k], bTile[k][t] = B[t0+t, n0+k].
        float[] aTile = ctx.allocateFloatLocalArray(SsdTiles.STEP * SsdTiles.LD);
        float[] bTile = ctx.allocateFloatLocalArray(SsdTiles.STEP * SsdTiles.LD);
        float a00 = 0f, a01 = 0f, a02 = 0f, a03 = 0f, a04 = 0f, a05 = 0f, a06 = 0f, a07 = 0f;
        float a10 = 0f, a11 = 0f, a12 = 0f, a13 = 0f, a14 = 0f, a15 = 0f, a16 = 0f, a17 = 0f;
        float a20 = 0f, a21 = 0f, a22 = 0f, a23 = 0f, a24 = 0f, a25 = 0f, a26 = 0f, a27 = 0f;
        float a30 = 0f, a31 = 0f, a32 = 0f, a33 = 0f, a34 = 0f, a35 = 0f, a36 = 0f, a37 = 0f;
        float a40 = 0f, a41 = 0f, a42 = 0f, a43 = 0f, a44 = 0f, a45 = 0f, a46 = 0f, a47 = 0f;
        float a50 = 0f, a51 = 0f, a52 = 0f, a53 = 0f, a54 = 0f, a55 = 0f, a56 = 0f, a57 = 0f;
        float a60 = 0f, a61 = 0f, a62 = 0f, a63 = 0f, a64 = 0f, a65 = 0f, a66 = 0f, a67 = 0f;
        float a70 = 0f, a71 = 0f, a72 = 0f, a73 = 0f, a74 = 0f, a75 = 0f, a76 = 0f, a77 = 0f;

        // Nothing to sum where the tile lies above the diagonal or past L (uniform over the work-group).
        int steps = t0 > s0 + SsdTiles.TILE - 1 || s0 >= len ? 0 : (dState + SsdTiles.STEP - 1) / SsdTiles.STEP;
        for (int step = 0; step < steps; step++) {
            int n0 = step * SsdTiles.STEP;
            for (int r = 0; r < SsdTiles.PER_ITEM; r++) { // a constant trip count, which ptxas may unroll
                int e = tid + r * SsdTiles.THREADS;
                int row = e / SsdTiles.STEP;
                int k = e % SsdTiles.STEP;
                int n = n0 + k;
                int s = s0 + row;
                int t = t0 + row;
                aTile[k * SsdTiles.LD + row] = s < len && n < dState ? SsdTiles.load(c, cH, bf16, ((tokens + s) * groups + g) * dState + n) : 0f;
                bTile[k * SsdTiles.LD + row] = t < len && n < dState ? SsdTiles.load(b, bH, bf16, ((tokens + t) * groups + g) * dState + n) : 0f;
            }
            ctx.localBarrier();
            // The 8×8 register tile: s rows ty + 8·i, t columns tx + 8·j.
            for (int k = 0; k < SsdTiles.STEP; k++) {
                int ak = k * SsdTiles.LD + ty;
                int bk = k * SsdTiles.LD + tx;
                float c0 = aTile[ak], c1 = aTile[ak + 8], c2 = aTile[ak + 16], c3 = aTile[ak + 24], c4 = aTile[ak + 32], c5 = aTile[ak + 40], c6 = aTile[ak + 48], c7 = aTile[ak + 56];
                float b0 = bTile[bk], b1 = bTile[bk + 8], b2 = bTile[bk + 16], b3 = bTile[bk + 24], b4 = bTile[bk + 32], b5 = bTile[bk + 40], b6 = bTile[bk + 48], b7 = bTile[bk + 56];
                a00 = Math.fma(c0, b0, a00); a01 = Math.fma(c0, b1, a01); a02 = Math.fma(c0, b2, a02); a03 = Math.fma(c0, b3, a03); a04 = Math.fma(c0, b4, a04); a05 = Math.fma(c0, b5, a05); a06 = Math.fma(c0, b6, a06); a07 = Math.fma(c0, b7, a07);
                a10 = Math.fma(c1, b0, a10); a11 = Math.fma(c1, b1, a11); a12 = Math.fma(c1, b2, a12); a13 = Math.fma(c1, b3, a13); a14 = Math.fma(c1, b4, a14); a15 = Math.fma(c1, b5, a15); a16 = Math.fma(c1, b6, a16); a17 = Math.fma(c1, b7, a17);
                a20 = Math.fma(c2, b0, a20); a21 = Math.fma(c2, b1, a21); a22 = Math.fma(c2, b2, a22); a23 = Math.fma(c2, b3, a23); a24 = Math.fma(c2, b4, a24); a25 = Math.fma(c2, b5, a25); a26 = Math.fma(c2, b6, a26); a27 = Math.fma(c2, b7, a27);
                a30 = Math.fma(c3, b0, a30); a31 = Math.fma(c3, b1, a31); a32 = Math.fma(c3, b2, a32); a33 = Math.fma(c3, b3, a33); a34 = Math.fma(c3, b4, a34); a35 = Math.fma(c3, b5, a35); a36 = Math.fma(c3, b6, a36); a37 = Math.fma(c3, b7, a37);
                a40 = Math.fma(c4, b0, a40); a41 = Math.fma(c4, b1, a41); a42 = Math.fma(c4, b2, a42); a43 = Math.fma(c4, b3, a43); a44 = Math.fma(c4, b4, a44); a45 = Math.fma(c4, b5, a45); a46 = Math.fma(c4, b6, a46); a47 = Math.fma(c4, b7, a47);
                a50 = Math.fma(c5, b0, a50); a51 = Math.fma(c5, b1, a51); a52 = Math.fma(c5, b2, a52); a53 = Math.fma(c5, b3, a53); a54 = Math.fma(c5, b4, a54); a55 = Math.fma(c5, b5, a55); a56 = Math.fma(c5, b6, a56); a57 = Math.fma(c5, b7, a57);
                a60 = Math.fma(c6, b0, a60); a61 = Math.fma(c6, b1, a61); a62 = Math.fma(c6, b2, a62); a63 = Math.fma(c6, b3, a63); a64 = Math.fma(c6, b4, a64); a65 = Math.fma(c6, b5, a65); a66 = Math.fma(c6, b6, a66); a67 = Math.fma(c6, b7, a67);
                a70 = Math.fma(c7, b0, a70); a71 = Math.fma(c7, b1, a71); a72 = Math.fma(c7, b2, a72); a73 = Math.fma(c7, b3, a73); a74 = Math.fma(c7, b4, a74); a75 = Math.fma(c7, b5, a75); a76 = Math.fma(c7, b6, a76); a77 = Math.fma(c7, b7, a77);
            }
            ctx.localBarrier();
        }

        int base = ((bi * nChunks + ci) * groups + g) * chunk; // cb[b,c,g,s,t]
        int sA = s0 + ty, tA = t0 + tx;
        out(cb, a00, base, sA, tA, len, chunk);
        out(cb, a01, base, sA, tA + 8, len, chunk);
        out(cb, a02, base, sA, tA + 16, len, chunk);
        out(cb, a03, base, sA, tA + 24, len, chunk);
        out(cb, a04, base, sA, tA + 32, len, chunk);
        out(cb, a05, base, sA, tA + 40, len, chunk);
        out(cb, a06, base, sA, tA + 48, len, chunk);
        out(cb, a07, base, sA, tA + 56, len, chunk);
        out(cb, a10, base, sA + 8, tA, len, chunk);
        out(cb, a11, base, sA + 8, tA + 8, len, chunk);
        out(cb, a12, base, sA + 8, tA + 16, len, chunk);
        out(cb, a13, base, sA + 8, tA + 24, len, chunk);
        out(cb, a14, base, sA + 8, tA + 32, len, chunk);
        out(cb, a15, base, sA + 8, tA + 40, len, chunk);
        out(cb, a16, base, sA + 8, tA + 48, len, chunk);
        out(cb, a17, base, sA + 8, tA + 56, len, chunk);
        out(cb, a20, base, sA + 16, tA, len, chunk);
        out(cb, a21, base, sA + 16, tA + 8, len, chunk);
        out(cb, a22, base, sA + 16, tA + 16, len, chunk);
        out(cb, a23, base, sA + 16, tA + 24, len, chunk);
        out(cb, a24, base, sA + 16, tA + 32, len, chunk);
        out(cb, a25, base, sA + 16, tA + 40, len, chunk);
        out(cb, a26, base, sA + 16, tA + 48, len, chunk);
        out(cb, a27, base, sA + 16, tA + 56, len, chunk);
        out(cb, a30, base, sA + 24, tA, len, chunk);
        out(cb, a31, base, sA + 24, tA + 8, len, chunk);
        out(cb, a32, base, sA + 24, tA + 16, len, chunk);
        out(cb, a33, base, sA + 24, tA + 24, len, chunk);
        out(cb, a34, base, sA + 24, tA + 32, len, chunk);
        out(cb, a35, base, sA + 24, tA + 40, len, chunk);
        out(cb, a36, base, sA + 24, tA + 48, len, chunk);
        out(cb, a37, base, sA + 24, tA + 56, len, chunk);
        out(cb, a40, base, sA + 32, tA, len, chunk);
        out(cb, a41, base, sA + 32, tA + 8, len, chunk);
        out(cb, a42, base, sA + 32, tA + 16, len, chunk);
        out(cb, a43, base, sA + 32, tA + 24, len, chunk);
        out(cb, a44, base, sA + 32, tA + 32, len, chunk);
        out(cb, a45, base, sA + 32, tA + 40, len, chunk);
        out(cb, a46, base, sA + 32, tA + 48, len, chunk);
        out(cb, a47, base, sA + 32, tA + 56, len, chunk);
        out(cb, a50, base, sA + 40, tA, len, chunk);
        out(cb, a51, base, sA + 40, tA + 8, len, chunk);
        out(cb, a52, base, sA + 40, tA + 16, len, chunk);
        out(cb, a53, base, sA + 40, tA + 24, len, chunk);
        out(cb, a54, base, sA + 40, tA + 32, len, chunk);
        out(cb, a55, base, sA + 40, tA + 40, len, chunk);
        out(cb, a56, base, sA + 40, tA + 48, len, chunk);
        out(cb, a57, base, sA + 40, tA + 56, len, chunk);
        out(cb, a60, base, sA + 48, tA, len, chunk);
        out(cb, a61, base, sA + 48, tA + 8, len, chunk);
        out(cb, a62, base, sA + 48, tA + 16, len, chunk);
        out(cb, a63, base, sA + 48, tA + 24, len, chunk);
        out(cb, a64, base, sA + 48, tA + 32, len, chunk);
        out(cb, a65, base, sA + 48, tA + 40, len, chunk);
        out(cb, a66, base, sA + 48, tA + 48, len, chunk);
        out(cb, a67, base, sA + 48, tA + 56, len, chunk);
        out(cb, a70, base, sA + 56, tA, len, chunk);
        out(cb, a71, base, sA + 56, tA + 8, len, chunk);
        out(cb, a72, base, sA + 56, tA + 16, len, chunk);
        out(cb, a73, base, sA + 56, tA + 24, len, chunk);
        out(cb, a74, base, sA + 56, tA + 32, len, chunk);
        out(cb, a75, base, sA + 56, tA + 40, len, chunk);
        out(cb, a76, base, sA + 56, tA + 48, len, chunk);
        out(cb, a77, base, sA + 56, tA + 56, len, chunk);
    }

    /** Stores cb[s,t] inside the chunk: the sum on and below the diagonal within L, zero elsewhere. */
    private static void out(FloatArray cb, float v, int base, int s, int t, int len, int chunk) {
        if (s < chunk && t < chunk) cb.set((base + s) * chunk + t, t <= s && s < len ? v : 0f);
    }
}
