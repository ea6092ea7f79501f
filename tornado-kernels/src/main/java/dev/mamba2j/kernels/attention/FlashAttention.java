package dev.mamba2j.kernels.attention;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * Causal attention over a packed batch of prompts (prefill), FlashAttention-style: one work-group per
 * (sequence, query head, query tile) keeps its tile of Q in local memory and walks the key tiles up to
 * the tile's last query, staging each tile of K (transposed) and then of V in local memory. Both products,
 * S = Q·Kᵀ and O += P·V, are {@code KernelContext.localGemm} (tensor cores on NVIDIA GPUs), with an online
 * softmax between them: per query row a running max m and sum l; when a key tile raises the max, l and the
 * row of O are rescaled by exp(m_old − m_new). Key tiles past the query tile are never visited (causal
 * tiles skipped); only the diagonal tile is masked. Grouped-query attention by index: query head h reads
 * key/value head h / (heads / kvHeads).
 *
 * <p>Layouts (row-major, fp32): q and o (rows, heads, headDim), the prompts packed one after another, sequence
 * s on rows [seqStart[s], seqStart[s+1]); k and v caches (batch, context, kvHeads, headDim), sequence s at
 * positions 0 … its length − 1. The kernel scales q by
 * {@code scale} as it stages it.
 *
 * <p>Local memory (floats): Q qt·(hd₃₂+4), K/V (hd₃₂+8)·(KEY_TILE+8), S qt·(KEY_TILE+8), P qt·(KEY_TILE+4),
 * O qt·(hd₃₂+8), where hd₃₂ is headDim rounded up to 32: 43 KiB for headDim 128 with query tile 16, 39 KiB
 * for 64 with 32 ({@link #queryTile}). Padded strides keep the tensor cores' fragment reads free of bank
 * conflicts.
 */
public final class FlashAttention {
    /** Work-items per group (two warps) and keys per tile. */
    public static final int THREADS = 64, KEY_TILE = 32;
    /** The largest head dimension the local-memory budget allows. */
    public static final int MAX_HEAD_DIM = 128;

    private FlashAttention() {}

    /** Queries per work-group for a head dimension: 32 up to 64 channels, else 16 (local memory). */
    public static int queryTile(int headDim) { return headDim <= 64 ? 32 : 16; }

    /** Query tiles of the longest sequence, the first grid factor: global THREADS·tiles·heads·batch (1D), local THREADS. */
    public static int tiles(int maxLength, int queryTile) { return (maxLength + queryTile - 1) / queryTile; }

    /**
     * Grid: global THREADS·tiles·heads·batch (1D), local THREADS, tiles = {@link #tiles}(longest sequence,
     * queryTile). headDim a multiple of 8, at most {@link #MAX_HEAD_DIM}; heads a multiple of kvHeads.
     * {@code tf32}: round the products' inputs to TF32 (one tensor-core product instead of three; exact for
     * bf16 data); false keeps fp32 accuracy.
     */
    @Kernel
    public static void prefill(KernelContext ctx, FloatArray q, FloatArray kCache, FloatArray vCache, FloatArray o, IntArray seqStart,
                               int heads, int kvHeads, int headDim, int context, int queryTile, int tiles, float scale, boolean tf32) {
        int bq = queryTile, bk = KEY_TILE, d = headDim;
        int dPad = (d + 31) / 32 * 32;
        int ldq = dPad + 4, ldk = bk + 8, lds = bk + 8, ldp = bk + 4, ldv = dPad + 8, ldo = dPad + 8;
        float[] qT = ctx.allocateFloatLocalArray(bq * ldq);
        float[] kv = ctx.allocateFloatLocalArray((dPad + 8) * ldk);
        float[] sT = ctx.allocateFloatLocalArray(bq * lds);
        float[] pT = ctx.allocateFloatLocalArray(bq * ldp);
        float[] oT = ctx.allocateFloatLocalArray(bq * ldo);
        float[] mRow = ctx.allocateFloatLocalArray(bq);
        float[] lRow = ctx.allocateFloatLocalArray(bq);
        float[] aRow = ctx.allocateFloatLocalArray(bq);

        int tid = ctx.localIdx, g = ctx.groupIdx;
        int tile = tiles - 1 - g % tiles; // the last tiles see the most keys: they start first
        int h = g / tiles % heads;
        int s = g / tiles / heads;
        int start = seqStart.get(s);
        int len = seqStart.get(s + 1) - start;
        int q0 = tile * bq;
        if (q0 >= len) return; // the whole group leaves before any barrier
        int hk = h / (heads / kvHeads);
        int rowStride = heads * d;
        int kvBase = s * context * kvHeads * d + hk * d, kvStride = kvHeads * d;

        // Q tile, scaled; rows past the sequence repeat its last row (finite, never stored)
        for (int e = tid; e < bq * d; e += THREADS) {
            int r = e / d, c = e % d;
            int row = Math.min(q0 + r, len - 1);
            qT[r * ldq + c] = q.get((start + row) * rowStride + h * d + c) * scale;
        }
        for (int e = tid; e < bq * ldo; e += THREADS) oT[e] = 0f;
        for (int r = tid; r < bq; r += THREADS) {
            mRow[r] = Float.NEGATIVE_INFINITY;
            lRow[r] = 0f;
        }
        int lastKey = Math.min(len, q0 + bq) - 1;
        for (int k0 = 0; k0 <= lastKey; k0 += bk) {
            for (int e = tid; e < bq * lds; e += THREADS) sT[e] = 0f;
            for (int e = tid; e < bk * d; e += THREADS) {
                int j = e / d, c = e % d;
                float v = kCache.get(kvBase + Math.min(k0 + j, len - 1) * kvStride + c);
                kv[c * ldk + j] = k0 + j < len ? v : 0f;
            }
            ctx.localGemm(bq, bk, d, qT, ldq, kv, ldk, sT, lds, tf32);

            // the row owners: online softmax of their row of S into P; everyone: the V tile
            for (int r = tid; r < bq; r += THREADS) {
                int i = Math.min(q0 + r, len - 1);
                int keys = Math.min(bk, i - k0 + 1); // keys j <= i in this tile
                float mOld = mRow[r];
                float tileMax = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < bk; j++) {
                    float sv = sT[r * lds + j];
                    tileMax = j < keys ? Math.max(tileMax, sv) : tileMax;
                }
                float mNew = Math.max(mOld, tileMax);
                float alpha = mNew == Float.NEGATIVE_INFINITY ? 1f : (float) Math.exp(mOld - mNew); // 0 on the first tile
                float sum = 0f;
                for (int j = 0; j < bk; j++) {
                    float p = (float) Math.exp(sT[r * lds + j] - mNew);
                    p = j < keys ? p : 0f;
                    pT[r * ldp + j] = p;
                    sum += p;
                }
                lRow[r] = lRow[r] * alpha + sum;
                mRow[r] = mNew;
                aRow[r] = alpha;
            }
            for (int e = tid; e < bk * d; e += THREADS) {
                int j = e / d, c = e % d;
                float v = vCache.get(kvBase + Math.min(k0 + j, len - 1) * kvStride + c);
                kv[j * ldv + c] = k0 + j < len ? v : 0f;
            }
            ctx.localBarrier();
            for (int e = tid; e < bq * d; e += THREADS) {
                int r = e / d, c = e % d;
                oT[r * ldo + c] *= aRow[r];
            }
            ctx.localGemm(bq, d, bk, pT, ldp, kv, ldv, oT, ldo, tf32);
        }
        for (int e = tid; e < bq * d; e += THREADS) {
            int r = e / d, c = e % d;
            if (q0 + r < len) o.set((start + q0 + r) * rowStride + h * d + c, oT[r * ldo + c] / lRow[r]);
        }
    }
}
