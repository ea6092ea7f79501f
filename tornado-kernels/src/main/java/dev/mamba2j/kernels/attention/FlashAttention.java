package dev.mamba2j.kernels.attention;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import java.util.List;

/**
 * Causal attention over a packed batch of prompts (prefill), FlashAttention-style: one work-group per
 * (sequence, query head, query tile) keeps its tile of Q, transposed, in local memory and walks the key
 * tiles up to the tile's last query, staging each tile of K and then of V in local memory as they are
 * stored. Both products, Sᵀ = K·Qᵀ and O += P·V, are {@code KernelContext.localGemm} (tensor cores on
 * NVIDIA GPUs), with an online softmax between them: per query row a running max m and sum l; when a key
 * tile raises the max, l and the row of O are rescaled by exp(m_old − m_new). Key tiles past the query
 * tile are never visited (causal tiles skipped); only the tiles across the diagonal are masked.
 * Grouped-query attention by index: query head h reads key/value head h / (heads / kvHeads).
 *
 * <p>What keeps the work-group busy: every staging pass issues {@link #BATCH} loads per work-item before
 * it stores any (a private array kept in registers), so a tile waits on memory once, not once per
 * element; and the softmax of a tile is spread over all {@link #THREADS} work-items, {@code THREADS /
 * queryTile} to a row, their partial maxima and sums met in local memory.
 *
 * <p>Layouts (row-major, fp32; the caches bf16 for {@link #prefillBf16}): q and o (rows, heads, headDim), the
 * prompts packed one after another, sequence s on rows [seqStart[s], seqStart[s+1]); k and v caches
 * (batch, context, kvHeads, headDim), sequence s at positions 0 … its length − 1. The kernel scales q by
 * {@code scale} as it stages it. The tile sizes are a {@link Tiles}, chosen for the device's local memory.
 */
public final class FlashAttention {
    /** Work-items per group (four warps). */
    public static final int THREADS = 128;
    /** Loads a work-item issues before it stores them, per staging pass. */
    static final int BATCH = 16;
    /** The largest head dimension the kernels take. */
    public static final int MAX_HEAD_DIM = 128;
    /** The most scores of a tile one work-item holds in the softmax: queryTile · keyTile / THREADS. */
    static final int MAX_SCORES = 32;

    private FlashAttention() {}

    /**
     * Queries and keys per tile. Local memory (floats): Qᵀ headDim·(q+8), K/V k·(hd₃₂+8), Sᵀ k·(q+8),
     * P q·(k+4), O q·(hd₃₂+8), where hd₃₂ is headDim rounded up to 32; the padded strides keep the
     * tensor cores' fragment reads free of bank conflicts.
     */
    public record Tiles(int query, int key) {
        /**
         * Fastest first, as measured on the H200 through CUDA (docs/benchmarks.md): 64×32 (107 KiB, two work-groups
         * per SM) rather than 64×64 (141 KiB, one), then 16×32; the smaller ones for smaller local memories.
         */
        static final List<Tiles> PREFERRED = List.of(new Tiles(64, 32), new Tiles(32, 32), new Tiles(16, 32), new Tiles(16, 16));

        public Tiles {
            if (query < 16 || THREADS % query != 0 || key < 16 || key % 16 != 0 || query * key / THREADS > MAX_SCORES)
                throw new IllegalArgumentException("attention tiles " + query + "x" + key + ": the query tile must divide " + THREADS
                        + " and be at least 16, the key tile a multiple of 16, and their product at most " + MAX_SCORES * THREADS);
        }

        /** The first of {@link #PREFERRED} whose local memory fits {@code localMemoryBytes} for head dimension {@code headDim}. */
        public static Tiles forDevice(int headDim, long localMemoryBytes) {
            for (Tiles t : PREFERRED) if (t.localBytes(headDim) <= localMemoryBytes) return t;
            return PREFERRED.getLast(); // refused at launch, naming the kernel and the sizes
        }

        /** Parses "QxK", e.g. "64x32". */
        public static Tiles parse(String s) {
            String[] p = s.trim().split("x");
            try {
                if (p.length == 2) return new Tiles(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
            } catch (NumberFormatException e) { /* named below */ }
            throw new IllegalArgumentException("attention tiles must read QUERYxKEY, e.g. 64x32, got " + s);
        }

        /** Local memory a work-group takes at head dimension {@code headDim} (the arrays {@link #prefill} allocates). */
        public long localBytes(int headDim) {
            int dPad = (headDim + 31) / 32 * 32;
            return 4L * (headDim * (query + 8) + key * (dPad + 8) + key * (query + 8) + query * (key + 4) + query * (dPad + 8) + 3 * query
                    + 2 * THREADS);
        }

        /** Query tiles of the longest sequence, the first grid factor: global THREADS·count·heads·batch (1D), local THREADS. */
        public int count(int maxLength) { return (maxLength + query - 1) / query; }

        @Override public String toString() { return query + "x" + key; }
    }

    /**
     * Grid: global THREADS·tiles·heads·batch (1D), local THREADS, tiles = {@link Tiles#count}(longest sequence).
     * headDim a multiple of 8, at most {@link #MAX_HEAD_DIM}; heads a multiple of kvHeads; queryTile and
     * keyTile a valid {@link Tiles}. {@code tf32}: round the products' inputs to TF32 (one tensor-core product
     * instead of three; exact for bf16 data); false keeps fp32 accuracy.
     */
    @Kernel
    public static void prefill(KernelContext ctx, FloatArray q, FloatArray kCache, FloatArray vCache, FloatArray o, IntArray seqStart,
                               int heads, int kvHeads, int headDim, int context, int queryTile, int keyTile, int tiles, float scale,
                               boolean tf32) {
        int bq = queryTile, bk = keyTile, d = headDim;
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
        float[] maxes = ctx.allocateFloatLocalArray(THREADS);
        float[] sums = ctx.allocateFloatLocalArray(THREADS);
        float[] vals = new float[BATCH];
        float[] scores = new float[MAX_SCORES];

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

        stageQ(q, qT, vals, tid, bq, d, ldq, q0, len, qBase, rowStride, scale);
        begin(oT, sT, mRow, lRow, tid, bq, bk, ldo, lds);
        int lastKey = Math.min(len, q0 + bq) - 1;
        for (int k0 = 0; k0 <= lastKey; k0 += bk) {
            stage(kCache, kv, vals, tid, bk, d, ldk, k0, len, kvBase, kvStride);
            ctx.localGemm(bk, bq, d, kv, ldk, qT, ldq, sT, lds, tf32); // Sᵀ = K·Qᵀ: K and V both staged as stored
            softmax(ctx, sT, pT, mRow, lRow, aRow, maxes, sums, scores, tid, bq, bk, lds, ldp, q0, k0, len);
            stage(vCache, kv, vals, tid, bk, d, ldv, k0, len, kvBase, kvStride);
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
                                   IntArray seqStart, int heads, int kvHeads, int headDim, int context, int queryTile, int keyTile, int tiles,
                                   float scale, boolean tf32) {
        int bq = queryTile, bk = keyTile, d = headDim;
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
        float[] maxes = ctx.allocateFloatLocalArray(THREADS);
        float[] sums = ctx.allocateFloatLocalArray(THREADS);
        float[] vals = new float[BATCH];
        float[] scores = new float[MAX_SCORES];

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

        stageQ(q, qT, vals, tid, bq, d, ldq, q0, len, qBase, rowStride, scale);
        begin(oT, sT, mRow, lRow, tid, bq, bk, ldo, lds);
        int lastKey = Math.min(len, q0 + bq) - 1;
        for (int k0 = 0; k0 <= lastKey; k0 += bk) {
            stage(kCache, kv, vals, tid, bk, d, ldk, k0, len, kvBase, kvStride);
            ctx.localGemm(bk, bq, d, kv, ldk, qT, ldq, sT, lds, tf32);
            softmax(ctx, sT, pT, mRow, lRow, aRow, maxes, sums, scores, tid, bq, bk, lds, ldp, q0, k0, len);
            stage(vCache, kv, vals, tid, bk, d, ldv, k0, len, kvBase, kvStride);
            ctx.localBarrier();
            rescale(oT, aRow, tid, bq, d, ldo);
            ctx.localGemm(bq, d, bk, pT, ldp, kv, ldv, oT, ldo, tf32);
        }
        store(oT, lRow, o, tid, bq, d, ldo, q0, len, qBase, rowStride);
    }

    /**
     * The Q tile, scaled and transposed (headDim × queryTile); rows past the sequence repeat its last row
     * (finite, never stored). Element e of the tile is row e / d, column e % d; a pass loads vals.length
     * elements THREADS apart, then stores them (indices past the tile clamped onto its last element,
     * which is then written twice with one value).
     */
    static void stageQ(FloatArray q, float[] qT, float[] vals, int tid, int bq, int d, int ldq, int q0, int len, int base, int rowStride,
                       float scale) {
        int total = bq * d, last = len - 1;
        for (int first = tid; first < total; first += THREADS * BATCH) {
            for (int i = 0; i < BATCH; i++) {
                int e = Math.min(first + i * THREADS, total - 1);
                vals[i] = q.get(base + Math.min(q0 + e / d, last) * rowStride + e % d);
            }
            for (int i = 0; i < BATCH; i++) {
                int e = Math.min(first + i * THREADS, total - 1);
                qT[e % d * ldq + e / d] = vals[i] * scale;
            }
        }
    }

    /** A K or V tile at keys k0 … as stored (keyTile × headDim, row stride ld), zero past the sequence; passes as {@link #stageQ}. */
    static void stage(FloatArray src, float[] kv, float[] vals, int tid, int bk, int d, int ld, int k0, int len, int kvBase, int kvStride) {
        int total = bk * d, last = len - 1;
        for (int first = tid; first < total; first += THREADS * BATCH) {
            for (int i = 0; i < BATCH; i++) {
                int e = Math.min(first + i * THREADS, total - 1);
                vals[i] = src.get(kvBase + Math.min(k0 + e / d, last) * kvStride + e % d);
            }
            for (int i = 0; i < BATCH; i++) {
                int e = Math.min(first + i * THREADS, total - 1);
                float v = vals[i]; // read outside the select, which then needs no branch
                kv[e / d * ld + e % d] = k0 + e / d < len ? v : 0f;
            }
        }
    }

    /** {@link #stage(FloatArray, float[], float[], int, int, int, int, int, int, int, int)} from a bf16 cache, widened exactly. */
    static void stage(BFloat16Array src, float[] kv, float[] vals, int tid, int bk, int d, int ld, int k0, int len, int kvBase,
                      int kvStride) {
        int total = bk * d, last = len - 1;
        for (int first = tid; first < total; first += THREADS * BATCH) {
            for (int i = 0; i < BATCH; i++) {
                int e = Math.min(first + i * THREADS, total - 1);
                vals[i] = src.get(kvBase + Math.min(k0 + e / d, last) * kvStride + e % d);
            }
            for (int i = 0; i < BATCH; i++) {
                int e = Math.min(first + i * THREADS, total - 1);
                float v = vals[i]; // read outside the select, which then needs no branch
                kv[e / d * ld + e % d] = k0 + e / d < len ? v : 0f;
            }
        }
    }

    /** O = 0, Sᵀ = 0, m = −∞, l = 0; the first localGemm's barrier orders them before any use. */
    static void begin(float[] oT, float[] sT, float[] mRow, float[] lRow, int tid, int bq, int bk, int ldo, int lds) {
        for (int e = tid; e < bq * ldo; e += THREADS) oT[e] = 0f;
        for (int e = tid; e < bk * lds; e += THREADS) sT[e] = 0f;
        for (int r = tid; r < bq; r += THREADS) {
            mRow[r] = Float.NEGATIVE_INFINITY;
            lRow[r] = 0f;
        }
    }

    /**
     * The online softmax of the tile's scores (row r of S is column r of Sᵀ; key j counts for the row's
     * query i when j ≤ i) into P, by THREADS / bq work-items per row, work-item part of a row taking keys
     * part, part + parts, …: each reads its scores and zeroes them for the next tile's product, then the
     * row's max and sum are met through {@code maxes} and {@code sums}. The part-0 work-item of each row
     * then rescales l by exp(m_old − m_new) (0 on the first tile, where l and O are still 0), adds the tile's sum and leaves the factor
     * in {@code aRow} for the row of O.
     */
    static void softmax(KernelContext ctx, float[] sT, float[] pT, float[] mRow, float[] lRow, float[] aRow, float[] maxes, float[] sums,
                        float[] scores, int tid, int bq, int bk, int lds, int ldp, int q0, int k0, int len) {
        int parts = THREADS / bq, mine = bk / parts;
        int r = tid % bq, part = tid / bq;
        int keys = Math.min(q0 + r, len - 1) - k0 + 1; // the row's keys in this tile: j < keys
        float tileMax = Float.NEGATIVE_INFINITY;
        for (int n = 0; n < mine; n++) {
            int j = part + n * parts;
            float sv = sT[j * lds + r];
            sT[j * lds + r] = 0f;
            scores[n] = sv;
            float larger = Math.max(tileMax, sv);
            tileMax = j < keys ? larger : tileMax;
        }
        maxes[tid] = tileMax;
        ctx.localBarrier();
        float mOld = mRow[r], mNew = mOld;
        for (int p = 0; p < parts; p++) mNew = Math.max(mNew, maxes[p * bq + r]);
        float sum = 0f;
        for (int n = 0; n < mine; n++) {
            int j = part + n * parts;
            float x = (float) Math.exp(scores[n] - mNew);
            float e = j < keys ? x : 0f;
            pT[r * ldp + j] = e;
            sum += e;
        }
        sums[tid] = sum;
        ctx.localBarrier();
        if (part == 0) {
            float total = 0f;
            for (int p = 0; p < parts; p++) total += sums[p * bq + r];
            float alpha = mOld == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(mOld - mNew);
            lRow[r] = lRow[r] * alpha + total;
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
