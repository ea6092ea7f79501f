package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * Steps 1 and 4 fused: the outputs of each chunk, y = (L ∘ C·Bᵀ)·(dt·x) within the chunk
 * (the diagonal block) plus exp(cs)·C·S_prev (the state entering the chunk), then the D skip and
 * the z gate y·silu(z).
 *
 * <p>Per (batch, chunk, head) this is one GEMM with a reduction of chunk + d_state:
 * <pre>
 *   Y[s,p] = Σ_{t≤s} W[s,t]·X[t,p]  +  Σ_n (exp(cs[s])·C[s,n])·S_prev[p,n]
 *   W[s,t] = cb[s,t]·exp(cs[s] − cs[t])·dt[t]   (0 above the diagonal and across sequences)
 * </pre>
 * computed as a tiled GEMM ({@link SsdTiles}): a work-group owns a tile (s) × tile (p) block of Y and
 * reduces in steps, first over the t of the diagonal block up to the tile's last row (the
 * steps past the causal diagonal are skipped), with A = W built on the fly as it is staged and
 * B = X (t × p), then over the n of the state term, with A = exp(cs[s])·C (s × n; zero for rows of
 * another sequence than the previous chunk's last) and B = S_prevᵀ (n × p).
 */
public final class ChunkScan {
    /** How D is given: absent, one per head, or one per (head, headdim). */
    public static final int D_NONE = 0, D_PER_HEAD = 1, D_PER_CHANNEL = 2;
    /** Bits of the {@code flags} argument: z gate present, seq_idx present, x/z/C/y stored as bf16. */
    public static final int HAS_Z = 1, HAS_SEQ_IDX = 2, BF16 = 4;

    private ChunkScan() {}

    /**
     * One work-group of {@code threads} per (batch, chunk, head, s-tile, p-tile), for the tiling
     * ({@link SsdTiling}) tile, step, threads. Grid: global threads·pTiles·sTiles·heads·chunks·batch, local
     * threads (1D), with sTiles = ⌈chunk/tile⌉ and pTiles = ⌈headdim/tile⌉.
     */
    @Kernel
    public static void chunkScan(KernelContext ctx, FloatArray x, FloatArray z, FloatArray c, BFloat16Array xH, BFloat16Array zH,
                                 BFloat16Array cH, FloatArray cb,
                                 FloatArray dtOut, FloatArray dACumsum, FloatArray prevStates, FloatArray d,
                                 IntArray seqIdx, FloatArray y, BFloat16Array yH, int seqLen, int heads, int headDim, int groups,
                                 int dState, int chunk, int dMode, int flags, int tile, int step, int threads) {
        boolean hasZ = (flags & HAS_Z) != 0, hasSeqIdx = (flags & HAS_SEQ_IDX) != 0, bf16 = (flags & BF16) != 0;
        int nChunks = (seqLen + chunk - 1) / chunk;
        int sTiles = (chunk + tile - 1) / tile;
        int pTiles = (headDim + tile - 1) / tile;
        int tid = ctx.localIdx;
        // The tiling's strides and staging passes, declared first: they size local arrays, so they must
        // stay constants once the JIT folds the tiling in (a variable sharing a slot with a loop's would not).
        int lda = SsdTiles.lda(step), ldb = SsdTiles.ldb(tile), ldc = SsdTiles.ldc(tile);
        int aRows = threads / step, aPasses = tile / aRows, bRows = threads / tile, bPasses = step / bRows, cPasses = tile / bRows;
        int grp = ctx.groupIdx; // (((b·chunks + c)·heads + h)·sTiles + st)·pTiles + pt
        int p0 = grp % pTiles * tile;
        int s0 = grp / pTiles % sTiles * tile;
        int h = grp / pTiles / sTiles % heads;
        int ci = grp / pTiles / sTiles / heads % nChunks;
        int bi = grp / pTiles / sTiles / heads / nChunks;
        int g = h / (heads / groups);
        int start = ci * chunk;
        int len = Math.min(chunk, seqLen - start); // rows of this chunk inside the sequence
        if (s0 >= len) return; // the whole tile lies past L (uniform over the work-group)
        int cs = ((bi * heads + h) * nChunks + ci) * chunk;
        int cbRow = ((bi * nChunks + ci) * groups + g) * chunk;
        int tokens = bi * seqLen + start;
        int prevSeq = hasSeqIdx ? seqIdx.get(bi * seqLen + (ci == 0 ? 0 : start - 1)) : 0;

        // The tile's rows, read from global memory once: cs[s], the decays exp(cs[s]) and exp(cs[s] − cs[s0]),
        // and the sequence id (0 without seq_idx).
        float[] csRow = ctx.allocateFloatLocalArray(tile);
        float[] decayRow = ctx.allocateFloatLocalArray(tile);
        float[] decayFromFirst = ctx.allocateFloatLocalArray(tile);
        int[] seqRow = ctx.allocateIntLocalArray(tile);
        float csFirst = dACumsum.get(cs + s0);
        for (int sl = tid; sl < tile; sl += threads) {
            int s = s0 + sl;
            float csS = s < len ? dACumsum.get(cs + s) : 0f;
            csRow[sl] = csS;
            decayRow[sl] = (float) Math.exp(csS);
            decayFromFirst[sl] = (float) Math.exp(csS - csFirst);
            seqRow[sl] = hasSeqIdx && s < len ? seqIdx.get(tokens + s) : 0;
        }
        ctx.localBarrier();
        // aTile[s][k] = W[s0+s, t0+k] (then exp(cs)·C), bTile[k][p] = X[t0+k, p0+p] (then S_prevᵀ),
        // acc[s][p] = Y[s0+s, p0+p].
        float[] aTile = ctx.allocateFloatLocalArray(tile * lda);
        float[] bTile = ctx.allocateFloatLocalArray(step * ldb);
        float[] acc = ctx.allocateFloatLocalArray(tile * ldc);
        // Staging: in A this work-item fills column kw, rows aRow + r·aRows (r < aPasses); in B row
        // bRow + r·bRows (r < bPasses), column bCol. Each step first loads all of its values into aVals
        // and bVals (SsdTiles.loadRows), then masks and stores them.
        int kw = tid % step, aRow = tid / step;
        int bCol = tid % tile, bRow = tid / tile;
        float[] aVals = new float[aPasses];
        float[] bVals = new float[bPasses];
        for (int r = 0; r < cPasses; r++) acc[(bRow + r * bRows) * ldc + bCol] = 0f;
        int tokenStride = heads * headDim; // between consecutive tokens of x, y and z
        boolean pIn = p0 + bCol < headDim;
        int pc = Math.min(p0 + bCol, headDim - 1);
        int lastRow = len - 1; // rows past the chunk's end are clamped onto its last one, then masked

        // Reduction steps: t-steps of the diagonal block up to the tile's last row (causal), then n-steps of the state term.
        int tSteps = (Math.min(s0 + tile, len) + step - 1) / step;
        int steps = tSteps + (dState + step - 1) / step;
        for (int st = 0; st < steps; st++) {
            if (st < tSteps) {
                int t0 = st * step;
                int tw = t0 + kw, tc = Math.min(tw, lastRow);
                float csT = dACumsum.get(cs + tc);
                float dtT = dtOut.get(cs + tc);
                int seqT = hasSeqIdx ? seqIdx.get(tokens + tc) : 0;
                SsdTiles.loadRows(cb, cbRow * chunk + tc, chunk, s0 + aRow, aRows, lastRow, aVals);
                SsdTiles.loadRows(x, xH, bf16, (tokens * heads + h) * headDim + pc, tokenStride, t0 + bRow, bRows,
                        lastRow, bVals);
                if (t0 + step <= s0) {
                    // The step lies before the tile's rows (t < s0 ≤ s): no causal mask, and the decay factors as
                    // exp(cs[s] − cs[s0])·exp(cs[s0] − cs[t]), both at most 1, one exp per column instead of per element.
                    float colDecay = (float) Math.exp(csFirst - csT) * dtT;
                    for (int r = 0; r < aPasses; r++) {
                        int sl = aRow + r * aRows;
                        float cbv = aVals[r], rowDecay = decayFromFirst[sl];
                        boolean keep = s0 + sl < len & seqT == seqRow[sl];
                        aTile[sl * lda + kw] = keep ? cbv * rowDecay * colDecay : 0f;
                    }
                } else {
                    for (int r = 0; r < aPasses; r++) {
                        int sl = aRow + r * aRows;
                        int s = s0 + sl;
                        float cbv = aVals[r], csS = csRow[sl];
                        boolean keep = s < len & tw <= s & seqT == seqRow[sl];
                        aTile[sl * lda + kw] = keep ? cbv * (float) Math.exp(csS - csT) * dtT : 0f;
                    }
                }
                for (int r = 0; r < bPasses; r++) {
                    int k = bRow + r * bRows;
                    float xv = bVals[r];
                    bTile[k * ldb + bCol] = pIn & t0 + k < len ? xv : 0f;
                }
            } else {
                int n0 = (st - tSteps) * step;
                int nw = n0 + kw, nc = Math.min(nw, dState - 1);
                SsdTiles.loadRows(c, cH, bf16, (tokens * groups + g) * dState + nc, groups * dState, s0 + aRow, aRows,
                        lastRow, aVals);
                // S_prevᵀ: this work-item reads n = nw (contiguous across the warp) for p = p0 + aRow + r·aRows.
                SsdTiles.loadRows(prevStates, ((bi * nChunks + ci) * heads + h) * headDim * dState + nc, dState, p0 + aRow,
                        aRows, headDim - 1, bVals);
                for (int r = 0; r < aPasses; r++) {
                    int sl = aRow + r * aRows;
                    float cv = aVals[r], decay = decayRow[sl], sv = bVals[r];
                    boolean keep = s0 + sl < len & nw < dState & seqRow[sl] == prevSeq;
                    aTile[sl * lda + kw] = keep ? cv * decay : 0f;
                    bTile[kw * ldb + sl] = p0 + sl < headDim & nw < dState ? sv : 0f;
                }
            }
            SsdTiles.multiplyAdd(ctx, bf16, tile, step, aTile, bTile, acc);
        }

        for (int r = 0; r < cPasses; r++) {
            int sl = bRow + r * bRows;
            out(x, z, xH, zH, bf16, d, y, yH, acc[sl * ldc + bCol], tokens, s0 + sl, p0 + bCol, len, h, heads, headDim, dMode, hasZ);
        }
    }

    /** The epilogue of one output y[s,p]: the D skip, the z gate, the store (rows past L and columns past headdim skipped). */
    private static void out(FloatArray x, FloatArray z, BFloat16Array xH, BFloat16Array zH, boolean bf16, FloatArray d,
                            FloatArray y, BFloat16Array yH, float acc, int tokens, int s, int p,
                            int len, int h, int heads, int headDim, int dMode, boolean hasZ) {
        if (s >= len || p >= headDim) return;
        int at = ((tokens + s) * heads + h) * headDim + p;
        float v = acc;
        if (dMode == D_PER_HEAD) v += d.get(h) * SsdTiles.load(x, xH, bf16, at);
        else if (dMode == D_PER_CHANNEL) v += d.get(h * headDim + p) * SsdTiles.load(x, xH, bf16, at);
        if (hasZ) {
            float zv = SsdTiles.load(z, zH, bf16, at);
            v *= zv / (1f + (float) Math.exp(-zv));
        }
        SsdTiles.store(y, yH, bf16, at, v);
    }
}
