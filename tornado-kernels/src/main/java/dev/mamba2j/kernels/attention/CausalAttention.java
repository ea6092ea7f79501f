package dev.mamba2j.kernels.attention;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * Causal attention forward, o = softmax(q·kᵀ·scale + causal mask)·v, tiled with an online softmax
 * so that the (L, L) score matrix never exists: each query row keeps a running max m, a running
 * sum l of exp(score − m) and an fp32 accumulator of exp(score − m)·v; when a key tile raises the
 * max, l and the accumulator are rescaled by exp(m_old − m_new). The output is accumulator / l.
 *
 * <p>The inner products are written as fused multiply-adds: the device code is compiled with
 * contraction off (Java semantics), and they are most of the work.
 *
 * <p>Layouts (row-major): q, k, v, o (batch, L, heads, headdim).
 */
public final class CausalAttention {
    /** Keys (and values) per tile staged in local memory. */
    public static final int KEY_TILE = 32;

    private CausalAttention() {}

    /**
     * One work-group per (batch, head, query tile), one work-item per query of the tile (the tile
     * is the work-group size). The work-group stages K and V tiles in local memory, up to the
     * tile's last query. Grid: global tiles·queryTile·heads·batch with tiles = ⌈L / queryTile⌉,
     * local queryTile (1D).
     */
    @Kernel
    public static void attention(KernelContext ctx, FloatArray q, FloatArray k, FloatArray v, FloatArray o,
                                 int seqLen, int heads, int headDim, float scale) {
        int queryTile = ctx.localGroupSizeX;
        int tiles = (seqLen + queryTile - 1) / queryTile;
        int row = ctx.groupIdx; // (b·heads + h)·tiles + tile
        // The last query tiles see the most keys: they are scheduled first.
        int tile = tiles - 1 - row % tiles;
        int h = row / tiles % heads;
        int bi = row / tiles / heads;
        int i = tile * queryTile + ctx.localIdx;
        boolean valid = i < seqLen;
        int lastKey = Math.min(seqLen, (tile + 1) * queryTile) - 1;

        float[] qRow = new float[headDim];
        float[] acc = new float[headDim];
        float[] score = new float[KEY_TILE];
        if (valid) for (int e = 0; e < headDim; e++) qRow[e] = q.get(((bi * seqLen + i) * heads + h) * headDim + e) * scale;
        float m = Float.NEGATIVE_INFINITY;
        float l = 0f;

        float[] kTile = ctx.allocateFloatLocalArray(KEY_TILE * headDim);
        float[] vTile = ctx.allocateFloatLocalArray(KEY_TILE * headDim);
        for (int k0 = 0; k0 <= lastKey; k0 += KEY_TILE) {
            for (int e = ctx.localIdx; e < KEY_TILE * headDim; e += queryTile) {
                int j = k0 + e / headDim;
                int at = ((bi * seqLen + j) * heads + h) * headDim + e % headDim;
                kTile[e] = j < seqLen ? k.get(at) : 0f;
                vTile[e] = j < seqLen ? v.get(at) : 0f;
            }
            ctx.localBarrier();

            // Keys past i are masked; they are the tail of the tile, so the loops stop there.
            int keys = valid ? Math.min(KEY_TILE, i - k0 + 1) : 0;
            if (keys > 0) {
                float tileMax = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < keys; j++) {
                    float s = 0f;
                    for (int e = 0; e < headDim; e++) s = Math.fma(qRow[e], kTile[j * headDim + e], s);
                    score[j] = s;
                    tileMax = Math.max(tileMax, s);
                }
                float mNew = Math.max(m, tileMax);
                float rescale = (float) Math.exp(m - mNew); // 0 on the first tile, where m = −∞
                l *= rescale;
                for (int e = 0; e < headDim; e++) acc[e] *= rescale;
                for (int j = 0; j < keys; j++) {
                    float p = (float) Math.exp(score[j] - mNew);
                    l += p;
                    for (int e = 0; e < headDim; e++) acc[e] = Math.fma(p, vTile[j * headDim + e], acc[e]);
                }
                m = mNew;
            }
            // The next tile overwrites K and V only after every work-item has read them.
            ctx.localBarrier();
        }
        if (valid) for (int e = 0; e < headDim; e++) o.set(((bi * seqLen + i) * heads + h) * headDim + e, acc[e] / l);
    }
}
