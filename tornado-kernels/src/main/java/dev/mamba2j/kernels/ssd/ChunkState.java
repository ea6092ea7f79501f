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
 * per (batch, chunk, head), tiled as in {@link SsdTiles}: a work-group owns a 64 (p) × 64 (n) tile
 * of S and reduces over t in steps of 32, A = (X·dt·decay)ᵀ (p × t) and B = B (t × n), both read
 * along their contiguous dimension.
 */
public final class ChunkState {
    private ChunkState() {}

    /**
     * One work-group of {@link SsdTiles#THREADS} per (batch, chunk, head, p-tile, n-tile).
     * Grid: global {@link SsdTiles#THREADS}·nTiles·pTiles·heads·chunks·batch, local {@link SsdTiles#THREADS}
     * (1D), with pTiles = ⌈headdim/64⌉, nTiles = ⌈d_state/64⌉.
     */
    @Kernel
    public static void chunkState(KernelContext ctx, FloatArray x, FloatArray b, BFloat16Array xH, BFloat16Array bH, FloatArray dtOut,
                                  FloatArray dACumsum, IntArray seqIdx, FloatArray states,
                                  int seqLen, int heads, int headDim, int groups, int dState,
                                  int chunk, int nChunks, boolean hasSeqIdx, boolean bf16) {
        int pTiles = (headDim + SsdTiles.TILE - 1) / SsdTiles.TILE;
        int nTiles = (dState + SsdTiles.TILE - 1) / SsdTiles.TILE;
        int tid = ctx.localIdx;
        int grp = ctx.groupIdx; // (((b·chunks + c)·heads + h)·pTiles + pt)·nTiles + nt
        int n0 = grp % nTiles * SsdTiles.TILE;
        int p0 = grp / nTiles % pTiles * SsdTiles.TILE;
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

        // aTile[p][k] = X[t0+k, p0+p]·scale[k], bTile[k][n] = B[t0+k, n0+n], acc[p][n] = S[p0+p, n0+n];
        // scale[k] = dt·exp(cs[last] − cs[t]) for t = t0+k (0 outside the chunk's last sequence).
        float[] aTile = ctx.allocateFloatLocalArray(SsdTiles.TILE * SsdTiles.LDA);
        float[] bTile = ctx.allocateFloatLocalArray(SsdTiles.STEP * SsdTiles.LDB);
        float[] acc = ctx.allocateFloatLocalArray(SsdTiles.TILE * SsdTiles.LDC);
        float[] scale = ctx.allocateFloatLocalArray(SsdTiles.STEP);
        // Staging: this work-item reads row t0 + row + 2r, column col of X and of B (r < 16), along their
        // contiguous dimension; all of a step's values are loaded first (SsdTiles.loadRows), then masked and stored.
        int col = tid % SsdTiles.TILE, row = tid / SsdTiles.TILE;
        float[] xVals = new float[SsdTiles.B_PASSES];
        float[] bVals = new float[SsdTiles.B_PASSES];
        for (int r = 0; r < SsdTiles.C_PASSES; r++) acc[(row + r * SsdTiles.B_ROWS) * SsdTiles.LDC + col] = 0f;
        boolean pIn = p0 + col < headDim, nIn = n0 + col < dState;
        int pc = Math.min(p0 + col, headDim - 1), nc = Math.min(n0 + col, dState - 1);

        for (int t0 = 0; t0 < len; t0 += SsdTiles.STEP) {
            SsdTiles.loadRows(x, xH, bf16, (tokens * heads + h) * headDim + pc, heads * headDim, t0 + row, SsdTiles.B_ROWS, last, xVals);
            SsdTiles.loadRows(b, bH, bf16, (tokens * groups + g) * dState + nc, groups * dState, t0 + row, SsdTiles.B_ROWS, last, bVals);
            if (tid < SsdTiles.STEP) {
                int t = t0 + tid;
                float f = 0f;
                if (t < len && (!hasSeqIdx || seqIdx.get(tokens + t) == seqLast))
                    f = dtOut.get(cs + t) * (float) Math.exp(csLast - dACumsum.get(cs + t));
                scale[tid] = f;
            }
            ctx.localBarrier();
            for (int r = 0; r < SsdTiles.B_PASSES; r++) {
                int k = row + r * SsdTiles.B_ROWS;
                boolean tIn = t0 + k < len;
                float xv = xVals[r], bv = bVals[r], sc = scale[k];
                aTile[col * SsdTiles.LDA + k] = tIn & pIn ? xv * sc : 0f;
                bTile[k * SsdTiles.LDB + col] = tIn & nIn ? bv : 0f;
            }
            SsdTiles.multiplyAdd(ctx, bf16, aTile, bTile, acc);
        }

        int out = (((bi * nChunks + ci) * heads + h) * headDim + p0 + row) * dState + n0 + col; // states[b,c,h,p,n]
        for (int r = 0; r < SsdTiles.C_PASSES; r++) {
            int pl = row + r * SsdTiles.B_ROWS;
            if (p0 + pl < headDim && nIn) states.set(out + r * SsdTiles.B_ROWS * dState, acc[pl * SsdTiles.LDC + col]);
        }
    }

    /**
     * {@link #chunkState} on the tiles of {@link CompactTiles} (half the reduction step, 27.5 KiB of local
     * memory), for devices whose local memory cannot hold {@link SsdTiles}'; same grid.
     */
    @Kernel
    public static void chunkStateCompact(KernelContext ctx, FloatArray x, FloatArray b, BFloat16Array xH, BFloat16Array bH, FloatArray dtOut,
                                         FloatArray dACumsum, IntArray seqIdx, FloatArray states,
                                         int seqLen, int heads, int headDim, int groups, int dState,
                                         int chunk, int nChunks, boolean hasSeqIdx, boolean bf16) {
        int pTiles = (headDim + CompactTiles.TILE - 1) / CompactTiles.TILE;
        int nTiles = (dState + CompactTiles.TILE - 1) / CompactTiles.TILE;
        int tid = ctx.localIdx;
        int grp = ctx.groupIdx; // (((b·chunks + c)·heads + h)·pTiles + pt)·nTiles + nt
        int n0 = grp % nTiles * CompactTiles.TILE;
        int p0 = grp / nTiles % pTiles * CompactTiles.TILE;
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

        // aTile[p][k] = X[t0+k, p0+p]·scale[k], bTile[k][n] = B[t0+k, n0+n], acc[p][n] = S[p0+p, n0+n];
        // scale[k] = dt·exp(cs[last] − cs[t]) for t = t0+k (0 outside the chunk's last sequence).
        float[] aTile = ctx.allocateFloatLocalArray(CompactTiles.TILE * CompactTiles.LDA);
        float[] bTile = ctx.allocateFloatLocalArray(CompactTiles.STEP * CompactTiles.LDB);
        float[] acc = ctx.allocateFloatLocalArray(CompactTiles.TILE * CompactTiles.LDC);
        float[] scale = ctx.allocateFloatLocalArray(CompactTiles.STEP);
        // Staging: this work-item reads row t0 + row + 2r, column col of X and of B (r < 8), along their
        // contiguous dimension; all of a step's values are loaded first (SsdTiles.loadRows), then masked and stored.
        int col = tid % CompactTiles.TILE, row = tid / CompactTiles.TILE;
        float[] xVals = new float[CompactTiles.B_PASSES];
        float[] bVals = new float[CompactTiles.B_PASSES];
        for (int r = 0; r < CompactTiles.C_PASSES; r++) acc[(row + r * CompactTiles.B_ROWS) * CompactTiles.LDC + col] = 0f;
        boolean pIn = p0 + col < headDim, nIn = n0 + col < dState;
        int pc = Math.min(p0 + col, headDim - 1), nc = Math.min(n0 + col, dState - 1);

        for (int t0 = 0; t0 < len; t0 += CompactTiles.STEP) {
            SsdTiles.loadRows(x, xH, bf16, (tokens * heads + h) * headDim + pc, heads * headDim, t0 + row, CompactTiles.B_ROWS, last, xVals);
            SsdTiles.loadRows(b, bH, bf16, (tokens * groups + g) * dState + nc, groups * dState, t0 + row, CompactTiles.B_ROWS, last, bVals);
            if (tid < CompactTiles.STEP) {
                int t = t0 + tid;
                float f = 0f;
                if (t < len && (!hasSeqIdx || seqIdx.get(tokens + t) == seqLast))
                    f = dtOut.get(cs + t) * (float) Math.exp(csLast - dACumsum.get(cs + t));
                scale[tid] = f;
            }
            ctx.localBarrier();
            for (int r = 0; r < CompactTiles.B_PASSES; r++) {
                int k = row + r * CompactTiles.B_ROWS;
                boolean tIn = t0 + k < len;
                float xv = xVals[r], bv = bVals[r], sc = scale[k];
                aTile[col * CompactTiles.LDA + k] = tIn & pIn ? xv * sc : 0f;
                bTile[k * CompactTiles.LDB + col] = tIn & nIn ? bv : 0f;
            }
            CompactTiles.multiplyAdd(ctx, bf16, aTile, bTile, acc);
        }

        int out = (((bi * nChunks + ci) * heads + h) * headDim + p0 + row) * dState + n0 + col; // states[b,c,h,p,n]
        for (int r = 0; r < CompactTiles.C_PASSES; r++) {
            int pl = row + r * CompactTiles.B_ROWS;
            if (p0 + pl < headDim && nIn) states.set(out + r * CompactTiles.B_ROWS * dState, acc[pl * CompactTiles.LDC + col]);
        }
    }
}
