package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * Step 2: the state each chunk produces on its own, as if it started from zero:
 * <pre>
 *   S[p,n] = Σ_t (X[t,p]·dt[t]·exp(cs[last] − cs[t]))·B[t,n]
 * </pre>
 * over the chunk's tokens of the chunk's last sequence, one (headdim × chunk)·(chunk × d_state) GEMM
 * per (batch, chunk, head), tiled as in {@link SsdTiles}: a work-group owns a tile (p) × tile (n) block
 * of S and reduces over t in steps, A = (X·dt·decay)ᵀ (p × t) and B = B (t × n), both read
 * along their contiguous dimension.
 */
public final class ChunkState {
    private ChunkState() {}

    /**
     * One work-group of {@code threads} per (batch, chunk, head, p-tile, n-tile), for the tiling
     * ({@link SsdTiling}) tile, step, threads. Grid: global threads·nTiles·pTiles·heads·chunks·batch, local
     * threads (1D), with pTiles = ⌈headdim/tile⌉, nTiles = ⌈d_state/tile⌉.
     */
    @Kernel
    public static void chunkState(KernelContext ctx, FloatArray x, FloatArray b, BFloat16Array xH, BFloat16Array bH, FloatArray dtOut,
                                  FloatArray dACumsum, IntArray seqIdx, FloatArray states,
                                  int seqLen, int heads, int headDim, int groups, int dState,
                                  int chunk, int nChunks, boolean hasSeqIdx, boolean bf16, int tile, int step, int threads) {
        int pTiles = (headDim + tile - 1) / tile;
        int nTiles = (dState + tile - 1) / tile;
        int tid = ctx.localIdx;
        int grp = ctx.groupIdx; // (((b·chunks + c)·heads + h)·pTiles + pt)·nTiles + nt
        int n0 = grp % nTiles * tile;
        int p0 = grp / nTiles % pTiles * tile;
        int h = grp / nTiles / pTiles % heads;
        int ci = grp / nTiles / pTiles / heads % nChunks;
        int bi = grp / nTiles / pTiles / heads / nChunks;
        int g = h / (heads / groups);
        int start = ci * chunk;
        int len = Math.min(chunk, seqLen - start);
        int last = len - 1;
        int cs = ((bi * heads + h) * nChunks + ci) * chunk;
        int tokens = bi * seqLen + start;
        float csLast = dACumsum.get(cs + last);
        int seqLast = hasSeqIdx ? seqIdx.get(tokens + last) : 0;

        int lda = SsdTiles.lda(step), ldb = SsdTiles.ldb(tile), ldc = SsdTiles.ldc(tile);
        int bRows = threads / tile, bPasses = step / bRows, cPasses = tile / bRows;
        // aTile[p][k] = X[t0+k, p0+p]·scale[k], bTile[k][n] = B[t0+k, n0+n], acc[p][n] = S[p0+p, n0+n];
        // scale[k] = dt·exp(cs[last] − cs[t]) for t = t0+k (0 outside the chunk's last sequence).
        float[] aTile = ctx.allocateFloatLocalArray(tile * lda);
        float[] bTile = ctx.allocateFloatLocalArray(step * ldb);
        float[] acc = ctx.allocateFloatLocalArray(tile * ldc);
        float[] scale = ctx.allocateFloatLocalArray(step);
        // Staging: this work-item reads row t0 + row + r·bRows, column col of X and of B (r < bPasses), along their
        // contiguous dimension; all of a step's values are loaded first (SsdTiles.loadRows), then masked and stored.
        int col = tid % tile, row = tid / tile;
        float[] xVals = new float[bPasses];
        float[] bVals = new float[bPasses];
        for (int r = 0; r < cPasses; r++) acc[(row + r * bRows) * ldc + col] = 0f;
        boolean pIn = p0 + col < headDim, nIn = n0 + col < dState;
        int pc = Math.min(p0 + col, headDim - 1), nc = Math.min(n0 + col, dState - 1);

        for (int t0 = 0; t0 < len; t0 += step) {
            SsdTiles.loadRows(x, xH, bf16, (tokens * heads + h) * headDim + pc, heads * headDim, t0 + row, bRows, last, xVals);
            SsdTiles.loadRows(b, bH, bf16, (tokens * groups + g) * dState + nc, groups * dState, t0 + row, bRows, last, bVals);
            if (tid < step) {
                int t = t0 + tid;
                float f = 0f;
                if (t < len && (!hasSeqIdx || seqIdx.get(tokens + t) == seqLast))
                    f = dtOut.get(cs + t) * (float) Math.exp(csLast - dACumsum.get(cs + t));
                scale[tid] = f;
            }
            ctx.localBarrier();
            for (int r = 0; r < bPasses; r++) {
                int k = row + r * bRows;
                boolean tIn = t0 + k < len;
                float xv = xVals[r], bv = bVals[r], sc = scale[k];
                aTile[col * lda + k] = tIn & pIn ? xv * sc : 0f;
                bTile[k * ldb + col] = tIn & nIn ? bv : 0f;
            }
            SsdTiles.multiplyAdd(ctx, bf16, tile, step, aTile, bTile, acc);
        }

        int out = (((bi * nChunks + ci) * heads + h) * headDim + p0 + row) * dState + n0 + col; // states[b,c,h,p,n]
        for (int r = 0; r < cPasses; r++) {
            int pl = row + r * bRows;
            if (p0 + pl < headDim && nIn) states.set(out + r * bRows * dState, acc[pl * ldc + col]);
        }
    }
}
