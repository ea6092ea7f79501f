package dev.mamba2j.kernels.attention;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * Causal attention over a packed batch of prompts (prefill), FlashAttention-style: one work-group per
 * (sequence, query head, query tile) keeps its tile of Q, transposed, in local memory and walks the key
 * tiles up to the tile's last query, staging each tile of K and then of V in local memory as they are
 * stored (rows read coalesced, written without bank conflicts). Both products, Sᵀ = K·Qᵀ and O += P·V, are
 * {@code KernelContext.localGemm} (tensor cores on NVIDIA GPUs), with an online
 * softmax between them: per query row a running max m and sum l; when a key tile raises the max, l and the
 * row of O are rescaled by exp(m_old − m_new). Key tiles past the query tile are never visited (causal
 * tiles skipped); only the diagonal tile is masked. Grouped-query attention by index: query head h reads
 * key/value head h / (heads / kvHeads).
 *
 * <p>Layouts (row-major, fp32; the caches bf16 for {@link #prefillBf16}): q and o (rows, heads, headDim), the prompts packed one after another, sequence
 * s on rows [seqStart[s], seqStart[s+1]); k and v caches (batch, context, kvHeads, headDim), sequence s at
 * positions 0 … its length − 1. The kernel scales q by
 * {@code scale} as it stages it.
 *
 * <p>Local memory (floats): Qᵀ headDim·(qt+8), K/V KEY_TILE·(hd₃₂+8), Sᵀ KEY_TILE·(qt+8), P qt·(KEY_TILE+4),
 * O qt·(hd₃₂+8), where hd₃₂ is headDim rounded up to 32: 43 KiB for headDim 128 with query tile 16, 38 KiB
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

    /**
     * Queries per work-group for a head dimension on a device with {@code localMemoryBytes} per work-group:
     * {@link #queryTile(int)} where its tiles fit, else 16 (the least localGemm takes; 25.5 KiB for headDim 64,
     * so that devices with 32 KiB, such as lavapipe, run head dimensions up to 72). The tiles a device cannot
     * hold even then are refused at launch, naming the kernel and the sizes.
     */
    public static int queryTile(int headDim, long localMemoryBytes) {
        int tile = queryTile(headDim);
        return localBytes(headDim, tile) <= localMemoryBytes ? tile : 16;
    }

    /** Local memory a work-group takes for a head dimension and query tile (the arrays {@link #prefill} allocates). */
    public static long localBytes(int headDim, int queryTile) {
        int bq = queryTile, bk = KEY_TILE, dPad = (headDim + 31) / 32 * 32;
        return 4L * (headDim * (bq + 8) + bk * (dPad + 8) + bk * (bq + 8) + bq * (bk + 4) + bq * (dPad + 8) + 3 * bq);
    }

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
        int ldq = bq + 8, ldk = dPad + 4, lds = bq + 8, ldp = bk + 4, ldv = dPad + 8, ldo = dPad + 8;
        float[] qT = ctx.allocateFloatLocalArray(d * ldq);
        float[] kv = ctx.allocateFloatLocalArray(bk * ldv);
        float[] sT = ctx.allocateFloatLocalArray(bk * lds);
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
        int rowStride = heads * d, qBase = start * rowStride + h * d;
        int kvBase = s * context * kvHeads * d + h / (heads / kvHeads) * d, kvStride = kvHeads * d;

        stageQ(q, qT, tid, bq, d, ldq, q0, len, qBase, rowStride, scale);
        begin(oT, mRow, lRow, tid, bq, ldo);
        int lastKey = Math.min(len, q0 + bq) - 1;
        for (int k0 = 0; k0 <= lastKey; k0 += bk) {
            for (int e = tid; e < bk * lds; e += THREADS) sT[e] = 0f;
            stageK(kCache, kv, tid, d, ldk, k0, len, kvBase, kvStride);
            ctx.localGemm(bk, bq, d, kv, ldk, qT, ldq, sT, lds, tf32); // Sᵀ = K·Qᵀ: K and V both staged as stored
            softmax(sT, pT, mRow, lRow, aRow, tid, bq, lds, ldp, q0, k0, len);
            stageV(vCache, kv, tid, d, ldv, k0, len, kvBase, kvStride);
            ctx.localBarrier();
            rescale(oT, aRow, tid, bq, d, ldo);
            ctx.localGemm(bq, d, bk, pT, ldp, kv, ldv, oT, ldo, tf32);
        }
        store(oT, lRow, o, tid, bq, d, ldo, q0, len, qBase, rowStride);
    }

    /**
     * {@link #prefill} over a bf16 KV cache (half the bytes of K and V read; TF32 holds bf16 exactly, so
     * {@code tf32} true rounds only q and P), q and o fp32. Same grid.
     */
    @Kernel
    public static void prefillBf16(KernelContext ctx, FloatArray q, BFloat16Array kCache, BFloat16Array vCache, FloatArray o,
                                   IntArray seqStart, int heads, int kvHeads, int headDim, int context, int queryTile, int tiles, float scale,
                                   boolean tf32) {
        int bq = queryTile, bk = KEY_TILE, d = headDim;
        int dPad = (d + 31) / 32 * 32;
        int ldq = bq + 8, ldk = dPad + 4, lds = bq + 8, ldp = bk + 4, ldv = dPad + 8, ldo = dPad + 8;
        float[] qT = ctx.allocateFloatLocalArray(d * ldq);
        float[] kv = ctx.allocateFloatLocalArray(bk * ldv);
        float[] sT = ctx.allocateFloatLocalArray(bk * lds);
        float[] pT = ctx.allocateFloatLocalArray(bq * ldp);
        float[] oT = ctx.allocateFloatLocalArray(bq * ldo);
        float[] mRow = ctx.allocateFloatLocalArray(bq);
        float[] lRow = ctx.allocateFloatLocalArray(bq);
        float[] aRow = ctx.allocateFloatLocalArray(bq);

        int tid = ctx.localIdx, g = ctx.groupIdx;
        int tile = tiles - 1 - g % tiles;
        int h = g / tiles % heads;
        int s = g / tiles / heads;
        int start = seqStart.get(s);
        int len = seqStart.get(s + 1) - start;
        int q0 = tile * bq;
        if (q0 >= len) return;
        int rowStride = heads * d, qBase = start * rowStride + h * d;
        int kvBase = s * context * kvHeads * d + h / (heads / kvHeads) * d, kvStride = kvHeads * d;

        stageQ(q, qT, tid, bq, d, ldq, q0, len, qBase, rowStride, scale);
        begin(oT, mRow, lRow, tid, bq, ldo);
        int lastKey = Math.min(len, q0 + bq) - 1;
        for (int k0 = 0; k0 <= lastKey; k0 += bk) {
            for (int e = tid; e < bk * lds; e += THREADS) sT[e] = 0f;
            stageK(kCache, kv, tid, d, ldk, k0, len, kvBase, kvStride);
            ctx.localGemm(bk, bq, d, kv, ldk, qT, ldq, sT, lds, tf32); // Sᵀ = K·Qᵀ: K and V both staged as stored
            softmax(sT, pT, mRow, lRow, aRow, tid, bq, lds, ldp, q0, k0, len);
            stageV(vCache, kv, tid, d, ldv, k0, len, kvBase, kvStride);
            ctx.localBarrier();
            rescale(oT, aRow, tid, bq, d, ldo);
            ctx.localGemm(bq, d, bk, pT, ldp, kv, ldv, oT, ldo, tf32);
        }
        store(oT, lRow, o, tid, bq, d, ldo, q0, len, qBase, rowStride);
    }

    /** The Q tile, scaled and transposed (headDim × queryTile); rows past the sequence repeat its last row (finite, never stored). */
    static void stageQ(FloatArray q, float[] qT, int tid, int bq, int d, int ldq, int q0, int len, int base, int rowStride, float scale) {
        for (int e = tid; e < bq * d; e += THREADS) {
            int r = e / d, c = e % d;
            qT[c * ldq + r] = q.get(base + Math.min(q0 + r, len - 1) * rowStride + c) * scale;
        }
    }

    /** The K tile at keys k0 … as stored (KEY_TILE × headDim), zero past the sequence; read from clamped addresses. */
    static void stageK(FloatArray k, float[] kv, int tid, int d, int ldk, int k0, int len, int kvBase, int kvStride) {
        for (int e = tid; e < KEY_TILE * d; e += THREADS) {
            int j = e / d, c = e % d;
            float v = k.get(kvBase + Math.min(k0 + j, len - 1) * kvStride + c);
            kv[j * ldk + c] = k0 + j < len ? v : 0f;
        }
    }

    static void stageK(BFloat16Array k, float[] kv, int tid, int d, int ldk, int k0, int len, int kvBase, int kvStride) {
        for (int e = tid; e < KEY_TILE * d; e += THREADS) {
            int j = e / d, c = e % d;
            float v = k.get(kvBase + Math.min(k0 + j, len - 1) * kvStride + c);
            kv[j * ldk + c] = k0 + j < len ? v : 0f;
        }
    }

    /** The V tile at keys k0 … (KEY_TILE × headDim), zero past the sequence. */
    static void stageV(FloatArray v, float[] kv, int tid, int d, int ldv, int k0, int len, int kvBase, int kvStride) {
        for (int e = tid; e < KEY_TILE * d; e += THREADS) {
            int j = e / d, c = e % d;
            float x = v.get(kvBase + Math.min(k0 + j, len - 1) * kvStride + c);
            kv[j * ldv + c] = k0 + j < len ? x : 0f;
        }
    }

    static void stageV(BFloat16Array v, float[] kv, int tid, int d, int ldv, int k0, int len, int kvBase, int kvStride) {
        for (int e = tid; e < KEY_TILE * d; e += THREADS) {
            int j = e / d, c = e % d;
            float x = v.get(kvBase + Math.min(k0 + j, len - 1) * kvStride + c);
            kv[j * ldv + c] = k0 + j < len ? x : 0f;
        }
    }

    /** O = 0, m = −∞, l = 0; the first localGemm's barrier orders them before any use. */
    static void begin(float[] oT, float[] mRow, float[] lRow, int tid, int bq, int ldo) {
        for (int e = tid; e < bq * ldo; e += THREADS) oT[e] = 0f;
        for (int r = tid; r < bq; r += THREADS) {
            mRow[r] = Float.NEGATIVE_INFINITY;
            lRow[r] = 0f;
        }
    }

    /**
     * The row owners' online softmax of their row of S (column r of Sᵀ, keys j ≤ the row's query) into P: the
     * new max, the rescale factor exp(m_old − m_new) of l and of the row of O (0 on the first tile), l += Σ p.
     */
    static void softmax(float[] sT, float[] pT, float[] mRow, float[] lRow, float[] aRow, int tid, int bq, int lds, int ldp, int q0, int k0,
                        int len) {
        for (int r = tid; r < bq; r += THREADS) {
            int i = Math.min(q0 + r, len - 1);
            int keys = Math.min(KEY_TILE, i - k0 + 1);
            float mOld = mRow[r];
            float tileMax = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < KEY_TILE; j++) {
                float sv = sT[j * lds + r];
                tileMax = j < keys ? Math.max(tileMax, sv) : tileMax;
            }
            float mNew = Math.max(mOld, tileMax);
            float alpha = mNew == Float.NEGATIVE_INFINITY ? 1f : (float) Math.exp(mOld - mNew);
            float sum = 0f;
            for (int j = 0; j < KEY_TILE; j++) {
                float p = (float) Math.exp(sT[j * lds + r] - mNew);
                p = j < keys ? p : 0f;
                pT[r * ldp + j] = p;
                sum += p;
            }
            lRow[r] = lRow[r] * alpha + sum;
            mRow[r] = mNew;
            aRow[r] = alpha;
        }
    }

    /** Each row of O times its rescale factor, before the tile's P·V is added. */
    static void rescale(float[] oT, float[] aRow, int tid, int bq, int d, int ldo) {
        for (int e = tid; e < bq * d; e += THREADS) {
            int r = e / d, c = e % d;
            oT[r * ldo + c] *= aRow[r];
        }
    }

    /** o = O / l for the tile's rows inside the sequence. */
    static void store(float[] oT, float[] lRow, FloatArray o, int tid, int bq, int d, int ldo, int q0, int len, int base, int rowStride) {
        for (int e = tid; e < bq * d; e += THREADS) {
            int r = e / d, c = e % d;
            if (q0 + r < len) o.set(base + (q0 + r) * rowStride + c, oT[r * ldo + c] / lRow[r]);
        }
    }
}
