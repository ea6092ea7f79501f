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
 * computed as a tiled GEMM ({@link SsdTiles}): a work-group owns a 64 (s) × 64 (p) tile of Y and
 * reduces in steps of 32, first over the t of the diagonal block up to the tile's last row (the
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
     * One work-group of {@link SsdTiles#THREADS} per (batch, chunk, head, 64-row s-tile, 64-column p-tile).
     * Grid: global {@link SsdTiles#THREADS}·pTiles·sTiles·heads·chunks·batch, local {@link SsdTiles#THREADS}
     * (1D), with sTiles = ⌈chunk/64⌉ and pTiles = ⌈headdim/64⌉.
     */
    @Kernel
    public static void chunkScan(KernelContext ctx, FloatArray x, FloatArray z, FloatArray c, BFloat16Array xH, BFloat16Array zH,
                                 BFloat16Array cH, FloatArray cb,
                                 FloatArray dtOut, FloatArray dACumsum, FloatArray prevStates, FloatArray d,
                                 IntArray seqIdx, FloatArray y, BFloat16Array yH, int seqLen, int heads, int headDim, int groups,
                                 int dState, int chunk, int dMode, int flags) {
        boolean hasZ = (flags & HAS_Z) != 0, hasSeqIdx = (flags & HAS_SEQ_IDX) != 0, bf16 = (flags & BF16) != 0;
        int nChunks = (seqLen + chunk - 1) / chunk;
        int sTiles = (chunk + SsdTiles.TILE - 1) / SsdTiles.TILE;
        int pTiles = (headDim + SsdTiles.TILE - 1) / SsdTiles.TILE;
        int tid = ctx.localIdx;
        int grp = ctx.groupIdx; // (((b·chunks + c)·heads + h)·sTiles + st)·pTiles + pt
        int p0 = grp % pTiles * SsdTiles.TILE;
        int s0 = grp / pTiles % sTiles * SsdTiles.TILE;
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
        float[] csRow = ctx.allocateFloatLocalArray(SsdTiles.TILE);
        float[] decayRow = ctx.allocateFloatLocalArray(SsdTiles.TILE);
        float[] decayFromFirst = ctx.allocateFloatLocalArray(SsdTiles.TILE);
        int[] seqRow = ctx.allocateIntLocalArray(SsdTiles.TILE);
        float csFirst = dACumsum.get(cs + s0);
        for (int sl = tid; sl < SsdTiles.TILE; sl += SsdTiles.THREADS) {
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
        float[] aTile = ctx.allocateFloatLocalArray(SsdTiles.TILE * SsdTiles.LDA);
        float[] bTile = ctx.allocateFloatLocalArray(SsdTiles.STEP * SsdTiles.LDB);
        float[] acc = ctx.allocateFloatLocalArray(SsdTiles.TILE * SsdTiles.LDC);
        // Staging: in A this work-item fills column kw, rows aRow + 4r; in B row bRow + 2r, column bCol
        // (r < 16). Each step first loads all of its values into aVals and bVals (SsdTiles.loadRows),
        // then masks and stores them.
        int kw = tid % SsdTiles.STEP, aRow = tid / SsdTiles.STEP;
        int bCol = tid % SsdTiles.TILE, bRow = tid / SsdTiles.TILE;
        float[] aVals = new float[SsdTiles.A_PASSES];
        float[] bVals = new float[SsdTiles.B_PASSES];
        for (int r = 0; r < SsdTiles.C_PASSES; r++) acc[(bRow + r * SsdTiles.B_ROWS) * SsdTiles.LDC + bCol] = 0f;
        int tokenStride = heads * headDim; // between consecutive tokens of x, y and z
        boolean pIn = p0 + bCol < headDim;
        int pc = Math.min(p0 + bCol, headDim - 1);
        int lastRow = len - 1; // rows past the chunk's end are clamped onto its last one, then masked

        // Reduction steps: t-steps of the diagonal block up to row s0+63 (causal), then n-steps of the state term.
        int tSteps = (Math.min(s0 + SsdTiles.TILE, len) + SsdTiles.STEP - 1) / SsdTiles.STEP;
        int steps = tSteps + (dState + SsdTiles.STEP - 1) / SsdTiles.STEP;
        for (int step = 0; step < steps; step++) {
            if (step < tSteps) {
                int t0 = step * SsdTiles.STEP;
                int tw = t0 + kw, tc = Math.min(tw, lastRow);
                float csT = dACumsum.get(cs + tc);
                float dtT = dtOut.get(cs + tc);
                int seqT = hasSeqIdx ? seqIdx.get(tokens + tc) : 0;
                SsdTiles.loadRows(cb, cbRow * chunk + tc, chunk, s0 + aRow, SsdTiles.A_ROWS, lastRow, aVals);
                SsdTiles.loadRows(x, xH, bf16, (tokens * heads + h) * headDim + pc, tokenStride, t0 + bRow, SsdTiles.B_ROWS,
                        lastRow, bVals);
                if (t0 + SsdTiles.STEP <= s0) {
                    // The step lies before the tile's rows (t < s0 ≤ s): no causal mask, and the decay factors as
                    // exp(cs[s] − cs[s0])·exp(cs[s0] − cs[t]), both at most 1, one exp per column instead of per element.
                    float colDecay = (float) Math.exp(csFirst - csT) * dtT;
                    for (int r = 0; r < SsdTiles.A_PASSES; r++) {
                        int sl = aRow + r * SsdTiles.A_ROWS;
                        float cbv = aVals[r], rowDecay = decayFromFirst[sl];
                        boolean keep = s0 + sl < len & seqT == seqRow[sl];
                        aTile[sl * SsdTiles.LDA + kw] = keep ? cbv * rowDecay * colDecay : 0f;
                    }
                } else {
                    for (int r = 0; r < SsdTiles.A_PASSES; r++) {
                        int sl = aRow + r * SsdTiles.A_ROWS;
                        int s = s0 + sl;
                        float cbv = aVals[r], csS = csRow[sl];
                        boolean keep = s < len & tw <= s & seqT == seqRow[sl];
                        aTile[sl * SsdTiles.LDA + kw] = keep ? cbv * (float) Math.exp(csS - csT) * dtT : 0f;
                    }
                }
                for (int r = 0; r < SsdTiles.B_PASSES; r++) {
                    int k = bRow + r * SsdTiles.B_ROWS;
                    float xv = bVals[r];
                    bTile[k * SsdTiles.LDB + bCol] = pIn & t0 + k < len ? xv : 0f;
                }
            } else {
                int n0 = (step - tSteps) * SsdTiles.STEP;
                int nw = n0 + kw, nc = Math.min(nw, dState - 1);
                SsdTiles.loadRows(c, cH, bf16, (tokens * groups + g) * dState + nc, groups * dState, s0 + aRow, SsdTiles.A_ROWS,
                        lastRow, aVals);
                // S_prevᵀ: this work-item reads n = nw (contiguous across the warp) for p = p0 + aRow + 4r.
                SsdTiles.loadRows(prevStates, ((bi * nChunks + ci) * heads + h) * headDim * dState + nc, dState, p0 + aRow,
                        SsdTiles.A_ROWS, headDim - 1, bVals);
                for (int r = 0; r < SsdTiles.A_PASSES; r++) {
                    int sl = aRow + r * SsdTiles.A_ROWS;
                    float cv = aVals[r], decay = decayRow[sl], sv = bVals[r];
                    boolean keep = s0 + sl < len & nw < dState & seqRow[sl] == prevSeq;
                    aTile[sl * SsdTiles.LDA + kw] = keep ? cv * decay : 0f;
                    bTile[kw * SsdTiles.LDB + sl] = p0 + sl < headDim & nw < dState ? sv : 0f;
                }
            }
            SsdTiles.multiplyAdd(ctx, bf16, aTile, bTile, acc);
        }

        for (int r = 0; r < SsdTiles.C_PASSES; r++) {
            int sl = bRow + r * SsdTiles.B_ROWS;
            out(x, z, xH, zH, bf16, d, y, yH, acc[sl * SsdTiles.LDC + bCol], tokens, s0 + sl, p0 + bCol, len, h, heads, headDim, dMode, hasZ);
        }
    }

    /**
     * {@link #chunkScan} on the tiles of {@link CompactTiles} (half the reduction step, 27.5 KiB of local
     * memory), for devices whose local memory cannot hold {@link SsdTiles}'; same grid.
     */
    @Kernel
    public static void chunkScanCompact(KernelContext ctx, FloatArray x, FloatArray z, FloatArray c, BFloat16Array xH, BFloat16Array zH,
                                        BFloat16Array cH, FloatArray cb,
                                        FloatArray dtOut, FloatArray dACumsum, FloatArray prevStates, FloatArray d,
                                        IntArray seqIdx, FloatArray y, BFloat16Array yH, int seqLen, int heads, int headDim, int groups,
                                        int dState, int chunk, int dMode, int flags) {
        boolean hasZ = (flags & HAS_Z) != 0, hasSeqIdx = (flags & HAS_SEQ_IDX) != 0, bf16 = (flags & BF16) != 0;
        int nChunks = (seqLen + chunk - 1) / chunk;
        int sTiles = (chunk + CompactTiles.TILE - 1) / CompactTiles.TILE;
        int pTiles = (headDim + CompactTiles.TILE - 1) / CompactTiles.TILE;
        int tid = ctx.localIdx;
        int grp = ctx.groupIdx; // (((b·chunks + c)·heads + h)·sTiles + st)·pTiles + pt
        int p0 = grp % pTiles * CompactTiles.TILE;
        int s0 = grp / pTiles % sTiles * CompactTiles.TILE;
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
        float[] csRow = ctx.allocateFloatLocalArray(CompactTiles.TILE);
        float[] decayRow = ctx.allocateFloatLocalArray(CompactTiles.TILE);
        float[] decayFromFirst = ctx.allocateFloatLocalArray(CompactTiles.TILE);
        int[] seqRow = ctx.allocateIntLocalArray(CompactTiles.TILE);
        float csFirst = dACumsum.get(cs + s0);
        for (int sl = tid; sl < CompactTiles.TILE; sl += CompactTiles.THREADS) {
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
        float[] aTile = ctx.allocateFloatLocalArray(CompactTiles.TILE * CompactTiles.LDA);
        float[] bTile = ctx.allocateFloatLocalArray(CompactTiles.STEP * CompactTiles.LDB);
        float[] acc = ctx.allocateFloatLocalArray(CompactTiles.TILE * CompactTiles.LDC);
        // Staging: in A this work-item fills column kw, rows aRow + 8r; in B row bRow + 2r, column bCol
        // (r < 8). Each step first loads all of its values into aVals and bVals (SsdTiles.loadRows),
        // then masks and stores them.
        int kw = tid % CompactTiles.STEP, aRow = tid / CompactTiles.STEP;
        int bCol = tid % CompactTiles.TILE, bRow = tid / CompactTiles.TILE;
        float[] aVals = new float[CompactTiles.A_PASSES];
        float[] bVals = new float[CompactTiles.B_PASSES];
        for (int r = 0; r < CompactTiles.C_PASSES; r++) acc[(bRow + r * CompactTiles.B_ROWS) * CompactTiles.LDC + bCol] = 0f;
        int tokenStride = heads * headDim; // between consecutive tokens of x, y and z
        boolean pIn = p0 + bCol < headDim;
        int pc = Math.min(p0 + bCol, headDim - 1);
        int lastRow = len - 1; // rows past the chunk's end are clamped onto its last one, then masked

        // Reduction steps: t-steps of the diagonal block up to row s0+63 (causal), then n-steps of the state term.
        int tSteps = (Math.min(s0 + CompactTiles.TILE, len) + CompactTiles.STEP - 1) / CompactTiles.STEP;
        int steps = tSteps + (dState + CompactTiles.STEP - 1) / CompactTiles.STEP;
        for (int step = 0; step < steps; step++) {
            if (step < tSteps) {
                int t0 = step * CompactTiles.STEP;
                int tw = t0 + kw, tc = Math.min(tw, lastRow);
                float csT = dACumsum.get(cs + tc);
                float dtT = dtOut.get(cs + tc);
                int seqT = hasSeqIdx ? seqIdx.get(tokens + tc) : 0;
                SsdTiles.loadRows(cb, cbRow * chunk + tc, chunk, s0 + aRow, CompactTiles.A_ROWS, lastRow, aVals);
                SsdTiles.loadRows(x, xH, bf16, (tokens * heads + h) * headDim + pc, tokenStride, t0 + bRow, CompactTiles.B_ROWS,
                        lastRow, bVals);
                if (t0 + CompactTiles.STEP <= s0) {
                    // The step lies before the tile's rows (t < s0 ≤ s): no causal mask, and the decay factors as
                    // exp(cs[s] − cs[s0])·exp(cs[s0] − cs[t]), both at most 1, one exp per column instead of per element.
                    float colDecay = (float) Math.exp(csFirst - csT) * dtT;
                    for (int r = 0; r < CompactTiles.A_PASSES; r++) {
                        int sl = aRow + r * CompactTiles.A_ROWS;
                        float cbv = aVals[r], rowDecay = decayFromFirst[sl];
                        boolean keep = s0 + sl < len & seqT == seqRow[sl];
                        aTile[sl * CompactTiles.LDA + kw] = keep ? cbv * rowDecay * colDecay : 0f;
                    }
                } else {
                    for (int r = 0; r < CompactTiles.A_PASSES; r++) {
                        int sl = aRow + r * CompactTiles.A_ROWS;
                        int s = s0 + sl;
                        float cbv = aVals[r], csS = csRow[sl];
                        boolean keep = s < len & tw <= s & seqT == seqRow[sl];
                        aTile[sl * CompactTiles.LDA + kw] = keep ? cbv * (float) Math.exp(csS - csT) * dtT : 0f;
                    }
                }
                for (int r = 0; r < CompactTiles.B_PASSES; r++) {
                    int k = bRow + r * CompactTiles.B_ROWS;
                    float xv = bVals[r];
                    bTile[k * CompactTiles.LDB + bCol] = pIn & t0 + k < len ? xv : 0f;
                }
            } else {
                int n0 = (step - tSteps) * CompactTiles.STEP;
                int nw = n0 + kw, nc = Math.min(nw, dState - 1);
                SsdTiles.loadRows(c, cH, bf16, (tokens * groups + g) * dState + nc, groups * dState, s0 + aRow, CompactTiles.A_ROWS,
                        lastRow, aVals);
                // S_prevᵀ: this work-item reads n = nw (contiguous across the warp) for p = p0 + aRow + 8r.
                SsdTiles.loadRows(prevStates, ((bi * nChunks + ci) * heads + h) * headDim * dState + nc, dState, p0 + aRow,
                        CompactTiles.A_ROWS, headDim - 1, bVals);
                for (int r = 0; r < CompactTiles.A_PASSES; r++) {
                    int sl = aRow + r * CompactTiles.A_ROWS;
                    float cv = aVals[r], decay = decayRow[sl], sv = bVals[r];
                    boolean keep = s0 + sl < len & nw < dState & seqRow[sl] == prevSeq;
                    aTile[sl * CompactTiles.LDA + kw] = keep ? cv * decay : 0f;
                    bTile[kw * CompactTiles.LDB + sl] = p0 + sl < headDim & nw < dState ? sv : 0f;
                }
            }
            CompactTiles.multiplyAdd(ctx, bf16, aTile, bTile, acc);
        }

        for (int r = 0; r < CompactTiles.C_PASSES; r++) {
            int sl = bRow + r * CompactTiles.B_ROWS;
            out(x, z, xH, zH, bf16, d, y, yH, acc[sl * CompactTiles.LDC + bCol], tokens, s0 + sl, p0 + bCol, len, h, heads, headDim, dMode, hasZ);
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
