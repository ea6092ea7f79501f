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
 * computed as a tiled GEMM ({@link SsdTiles}): a work-group of 64 work-items owns a 64 (s) × 64 (p)
 * tile of Y; each work-item holds an 8×8 register tile (rows ty + 8·i, columns tx + 8·j, so that
 * local reads are broadcasts or consecutive and global stores coalesce). The reduction runs in
 * steps of 16: first the t-tiles of the diagonal block up to the tile's last row (tiles above the
 * causal diagonal are skipped), building W on the fly while staging it, then the n-tiles of the
 * state term, with exp(cs[s]) and the "same sequence as the previous chunk" mask folded into the
 * staged C. Each step stages a 16×64 slice of both operands in local memory.
 *
 * <p>Benchmark shape (L 65,536, 64 heads, headdim 64, d_state 64, chunk 256): per (chunk, head) the
 * four s-tiles reduce over 64 + 128 + 192 + 256 = 640 values of t (64 s × 64 p × 2 FLOP each,
 * 5.2 MFLOP) plus 256 s × 64 n × 64 p × 2 = 2.1 MFLOP for the state term: 7.3 MFLOP, × 16,384
 * (chunk, head) ≈ 120 GFLOP in all. The previous kernel (one work-group per row s, one work-item per p, every operand from
 * global memory) took 78.4 ms on an H100. An 8×8 micro-tile issues 16 local loads per 64 FMAs, so
 * local-memory and FMA issue are balanced (a 4×4 tile's 8 loads per 16 FMAs would cap it near half
 * the 52 TFLOP/s fp32 peak): at ≈ 50–60% of peak this is ≈ 4–4.5 ms, ≈ 18× faster.
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
        int tx = tid % SsdTiles.SIDE;
        int ty = tid / SsdTiles.SIDE;
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

        // The tile's rows, read from global memory once: cs[s] and the sequence id (0 without seq_idx).
        float[] csRow = ctx.allocateFloatLocalArray(SsdTiles.TILE);
        int[] seqRow = ctx.allocateIntLocalArray(SsdTiles.TILE);
        for (int sl = tid; sl < SsdTiles.TILE; sl += SsdTiles.THREADS) {
            int s = s0 + sl;
            csRow[sl] = s < len ? dACumsum.get(cs + s) : 0f;
            seqRow[sl] = hasSeqIdx && s < len ? seqIdx.get(tokens + s) : 0;
        }
        ctx.localBarrier();
        // In every slice this work-item stages the same column kw of W (THREADS is a multiple of STEP).
        int kw = tid % SsdTiles.STEP;

        // aTile[k][s] = W[s0+s, t0+k] (then exp(cs)·C), bTile[k][p] = X[t0+k, p0+p] (then S_prevᵀ).
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

        // Reduction steps: t-tiles of the diagonal block up to row s0+63 (causal), then n-tiles of the state term.
        int tSteps = (Math.min(s0 + SsdTiles.TILE, len) + SsdTiles.STEP - 1) / SsdTiles.STEP;
        int steps = tSteps + (dState + SsdTiles.STEP - 1) / SsdTiles.STEP;
        for (int step = 0; step < steps; step++) {
            if (step < tSteps) {
                int t0 = step * SsdTiles.STEP;
                int tw = t0 + kw;
                boolean tIn = tw < len;
                float csT = tIn ? dACumsum.get(cs + tw) : 0f;
                float dtT = tIn ? dtOut.get(cs + tw) : 0f;
                int seqT = hasSeqIdx && tIn ? seqIdx.get(tokens + tw) : 0;
                for (int r = 0; r < SsdTiles.PER_ITEM; r++) { // a constant trip count, which ptxas may unroll
                    int sl = (tid + r * SsdTiles.THREADS) / SsdTiles.STEP;
                    int s = s0 + sl;
                    float w = 0f;
                    if (s < len && tw <= s && seqT == seqRow[sl]) {
                        float decay = (float) Math.exp(csRow[sl] - csT);
                        w = cb.get((cbRow + s) * chunk + tw) * decay * dtT;
                    }
                    aTile[kw * SsdTiles.LD + sl] = w;
                }
                // Strided loops for X and S_prev: with a constant trip count ptxas unrolls their 16
                // independent loads and holds them all, 140 registers instead of 100.
                for (int e = tid; e < SsdTiles.TILE * SsdTiles.STEP; e += SsdTiles.THREADS) {
                    int k = e / SsdTiles.TILE;
                    int pl = e % SsdTiles.TILE;
                    int t = t0 + k;
                    int p = p0 + pl;
                    bTile[k * SsdTiles.LD + pl] = t < len && p < headDim ? SsdTiles.load(x, xH, bf16, ((tokens + t) * heads + h) * headDim + p) : 0f;
                }
            } else {
                int n0 = (step - tSteps) * SsdTiles.STEP;
                int nw = n0 + kw;
                for (int r = 0; r < SsdTiles.PER_ITEM; r++) { // a constant trip count, which ptxas may unroll
                    int sl = (tid + r * SsdTiles.THREADS) / SsdTiles.STEP;
                    int s = s0 + sl;
                    float cv = 0f;
                    if (s < len && nw < dState && seqRow[sl] == prevSeq)
                        cv = SsdTiles.load(c, cH, bf16, ((tokens + s) * groups + g) * dState + nw) * (float) Math.exp(csRow[sl]);
                    aTile[kw * SsdTiles.LD + sl] = cv;
                }
                int state = ((bi * nChunks + ci) * heads + h) * headDim;
                for (int e = tid; e < SsdTiles.TILE * SsdTiles.STEP; e += SsdTiles.THREADS) {
                    int pl = e / SsdTiles.STEP;
                    int k = e % SsdTiles.STEP;
                    int p = p0 + pl;
                    int n = n0 + k;
                    bTile[k * SsdTiles.LD + pl] = p < headDim && n < dState ? prevStates.get((state + p) * dState + n) : 0f;
                }
            }
            ctx.localBarrier();
            // The 8×8 register tile: rows ty + 8·i, columns tx + 8·j.
            for (int k = 0; k < SsdTiles.STEP; k++) {
                int ak = k * SsdTiles.LD + ty;
                int bk = k * SsdTiles.LD + tx;
                float w0 = aTile[ak], w1 = aTile[ak + 8], w2 = aTile[ak + 16], w3 = aTile[ak + 24], w4 = aTile[ak + 32], w5 = aTile[ak + 40], w6 = aTile[ak + 48], w7 = aTile[ak + 56];
                float x0 = bTile[bk], x1 = bTile[bk + 8], x2 = bTile[bk + 16], x3 = bTile[bk + 24], x4 = bTile[bk + 32], x5 = bTile[bk + 40], x6 = bTile[bk + 48], x7 = bTile[bk + 56];
                a00 = Math.fma(w0, x0, a00); a01 = Math.fma(w0, x1, a01); a02 = Math.fma(w0, x2, a02); a03 = Math.fma(w0, x3, a03); a04 = Math.fma(w0, x4, a04); a05 = Math.fma(w0, x5, a05); a06 = Math.fma(w0, x6, a06); a07 = Math.fma(w0, x7, a07);
                a10 = Math.fma(w1, x0, a10); a11 = Math.fma(w1, x1, a11); a12 = Math.fma(w1, x2, a12); a13 = Math.fma(w1, x3, a13); a14 = Math.fma(w1, x4, a14); a15 = Math.fma(w1, x5, a15); a16 = Math.fma(w1, x6, a16); a17 = Math.fma(w1, x7, a17);
                a20 = Math.fma(w2, x0, a20); a21 = Math.fma(w2, x1, a21); a22 = Math.fma(w2, x2, a22); a23 = Math.fma(w2, x3, a23); a24 = Math.fma(w2, x4, a24); a25 = Math.fma(w2, x5, a25); a26 = Math.fma(w2, x6, a26); a27 = Math.fma(w2, x7, a27);
                a30 = Math.fma(w3, x0, a30); a31 = Math.fma(w3, x1, a31); a32 = Math.fma(w3, x2, a32); a33 = Math.fma(w3, x3, a33); a34 = Math.fma(w3, x4, a34); a35 = Math.fma(w3, x5, a35); a36 = Math.fma(w3, x6, a36); a37 = Math.fma(w3, x7, a37);
                a40 = Math.fma(w4, x0, a40); a41 = Math.fma(w4, x1, a41); a42 = Math.fma(w4, x2, a42); a43 = Math.fma(w4, x3, a43); a44 = Math.fma(w4, x4, a44); a45 = Math.fma(w4, x5, a45); a46 = Math.fma(w4, x6, a46); a47 = Math.fma(w4, x7, a47);
                a50 = Math.fma(w5, x0, a50); a51 = Math.fma(w5, x1, a51); a52 = Math.fma(w5, x2, a52); a53 = Math.fma(w5, x3, a53); a54 = Math.fma(w5, x4, a54); a55 = Math.fma(w5, x5, a55); a56 = Math.fma(w5, x6, a56); a57 = Math.fma(w5, x7, a57);
                a60 = Math.fma(w6, x0, a60); a61 = Math.fma(w6, x1, a61); a62 = Math.fma(w6, x2, a62); a63 = Math.fma(w6, x3, a63); a64 = Math.fma(w6, x4, a64); a65 = Math.fma(w6, x5, a65); a66 = Math.fma(w6, x6, a66); a67 = Math.fma(w6, x7, a67);
                a70 = Math.fma(w7, x0, a70); a71 = Math.fma(w7, x1, a71); a72 = Math.fma(w7, x2, a72); a73 = Math.fma(w7, x3, a73); a74 = Math.fma(w7, x4, a74); a75 = Math.fma(w7, x5, a75); a76 = Math.fma(w7, x6, a76); a77 = Math.fma(w7, x7, a77);
            }
            ctx.localBarrier();
        }

        int sA = s0 + ty, pA = p0 + tx;
        out(x, z, xH, zH, bf16, d, y, yH, a00, tokens, sA, pA, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a01, tokens, sA, pA + 8, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a02, tokens, sA, pA + 16, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a03, tokens, sA, pA + 24, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a04, tokens, sA, pA + 32, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a05, tokens, sA, pA + 40, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a06, tokens, sA, pA + 48, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a07, tokens, sA, pA + 56, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a10, tokens, sA + 8, pA, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a11, tokens, sA + 8, pA + 8, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a12, tokens, sA + 8, pA + 16, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a13, tokens, sA + 8, pA + 24, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a14, tokens, sA + 8, pA + 32, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a15, tokens, sA + 8, pA + 40, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a16, tokens, sA + 8, pA + 48, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a17, tokens, sA + 8, pA + 56, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a20, tokens, sA + 16, pA, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a21, tokens, sA + 16, pA + 8, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a22, tokens, sA + 16, pA + 16, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a23, tokens, sA + 16, pA + 24, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a24, tokens, sA + 16, pA + 32, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a25, tokens, sA + 16, pA + 40, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a26, tokens, sA + 16, pA + 48, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a27, tokens, sA + 16, pA + 56, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a30, tokens, sA + 24, pA, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a31, tokens, sA + 24, pA + 8, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a32, tokens, sA + 24, pA + 16, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a33, tokens, sA + 24, pA + 24, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a34, tokens, sA + 24, pA + 32, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a35, tokens, sA + 24, pA + 40, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a36, tokens, sA + 24, pA + 48, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a37, tokens, sA + 24, pA + 56, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a40, tokens, sA + 32, pA, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a41, tokens, sA + 32, pA + 8, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a42, tokens, sA + 32, pA + 16, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a43, tokens, sA + 32, pA + 24, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a44, tokens, sA + 32, pA + 32, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a45, tokens, sA + 32, pA + 40, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a46, tokens, sA + 32, pA + 48, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a47, tokens, sA + 32, pA + 56, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a50, tokens, sA + 40, pA, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a51, tokens, sA + 40, pA + 8, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a52, tokens, sA + 40, pA + 16, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a53, tokens, sA + 40, pA + 24, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a54, tokens, sA + 40, pA + 32, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a55, tokens, sA + 40, pA + 40, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a56, tokens, sA + 40, pA + 48, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a57, tokens, sA + 40, pA + 56, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a60, tokens, sA + 48, pA, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a61, tokens, sA + 48, pA + 8, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a62, tokens, sA + 48, pA + 16, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a63, tokens, sA + 48, pA + 24, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a64, tokens, sA + 48, pA + 32, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a65, tokens, sA + 48, pA + 40, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a66, tokens, sA + 48, pA + 48, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a67, tokens, sA + 48, pA + 56, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a70, tokens, sA + 56, pA, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a71, tokens, sA + 56, pA + 8, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a72, tokens, sA + 56, pA + 16, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a73, tokens, sA + 56, pA + 24, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a74, tokens, sA + 56, pA + 32, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a75, tokens, sA + 56, pA + 40, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a76, tokens, sA + 56, pA + 48, len, h, heads, headDim, dMode, hasZ);
        out(x, z, xH, zH, bf16, d, y, yH, a77, tokens, sA + 56, pA + 56, len, h, heads, headDim, dMode, hasZ);
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
