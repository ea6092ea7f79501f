package dev.mamba2j.model.layers;

import dev.mamba2j.kernels.attention.DecodeAttention;
import dev.mamba2j.kernels.attention.FlashAttention;
import dev.mamba2j.kernels.attention.KvCacheWrite;
import dev.mamba2j.model.config.AttentionConfig;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * The attention mixer of one layer: in_proj → [q, k, v] (q heads·headDim, k and v kvHeads·headDim each, as
 * mamba_ssm's MHA packs them; transformers' q_proj, k_proj, v_proj stacked the same way), the rotary
 * embedding of q and k at each token's position with k and v written into the layer's cache, causal
 * grouped-query attention (tiled over a prompt, split over the cache for a decoded token), out_proj into
 * the hidden state. The cache is fp32 or bf16 ({@link KvCache}), the kernels chosen to match.
 */
public record Attention(AttentionConfig a, int layer, Linear inProj, Linear outProj) {

    /** Over a packed prompt batch: fills the layer's cache at positions 0 … length − 1 of each sequence. */
    public void prefill(DeviceGraph g, String p, Activations act, HybridActivations h, Prompt prompt, KvCache kv, int longest) {
        int rows = act.rows();
        inProj.add(g, p + "qkv", act.normed(), h.qkv(), rows);
        rotaryToCache(g, p, h, prompt.seqIdx(), prompt.seqStart(), kv.zeroBase(), kv, rows);
        FlashAttention.Tiles tile = FlashAttention.Tiles.forDevice(a.headDim(), g.largestLocalMemoryBytes());
        int tiles = tile.count(longest);
        KernelContext ctx = new KernelContext();
        // bf16 keys and values: the products on TF32 (exact on them; q and P rounded, well within bf16's own rounding)
        if (kv.bf16())
            g.tasks().task(p + "attention", FlashAttention::prefillBf16, ctx, h.q(), kv.k16()[layer], kv.v16()[layer], h.attention(),
                    prompt.seqStart(), a.numHeads(), a.numHeadsKv(), a.headDim(), kv.context(), tile.query(), tile.key(), tiles, scale(), true);
        else
            g.tasks().task(p + "attention", FlashAttention::prefill, ctx, h.q(), kv.k()[layer], kv.v()[layer], h.attention(),
                    prompt.seqStart(), a.numHeads(), a.numHeadsKv(), a.headDim(), kv.context(), tile.query(), tile.key(), tiles, scale(), false);
        g.grid(p + "attention", WorkerGrid.of1D(FlashAttention.THREADS * tiles * a.numHeads() * prompt.batch()).setLocalWork(FlashAttention.THREADS));
        outProj.add(g, p + "outProj", h.attention(), act.hidden(), rows);
    }

    /** One token per sequence at {@code kv.positions()}: appends its k and v to the cache and attends over positions 0 … its own. */
    public void step(DeviceGraph g, String p, Activations act, HybridActivations h, KvCache kv) {
        int batch = act.rows(), d = a.headDim();
        inProj.add(g, p + "qkv", act.normed(), h.qkv(), batch);
        rotaryToCache(g, p, h, kv.stepSeqIdx(), kv.stepSeqStart(), kv.positions(), kv, batch);
        KernelContext ctx = new KernelContext();
        if (kv.bf16())
            g.tasks().task(p + "attention", DecodeAttention::partialBf16, ctx, h.q(), kv.k16()[layer], kv.v16()[layer], kv.positions(),
                    kv.partials(), a.numHeads(), a.numHeadsKv(), d, kv.context(), kv.split(), kv.splits(), scale());
        else
            g.tasks().task(p + "attention", DecodeAttention::partial, ctx, h.q(), kv.k()[layer], kv.v()[layer], kv.positions(), kv.partials(),
                    a.numHeads(), a.numHeadsKv(), d, kv.context(), kv.split(), kv.splits(), scale());
        g.grid(p + "attention", WorkerGrid.of1D(DecodeAttention.THREADS * kv.splits() * a.numHeadsKv() * batch).setLocalWork(DecodeAttention.THREADS));
        g.tasks().task(p + "combine", DecodeAttention::combine, ctx, kv.partials(), kv.positions(), h.attention(), a.numHeads(), d,
                kv.split(), kv.splits());
        g.grid(p + "combine", WorkerGrid.of1D(d * a.numHeads() * batch).setLocalWork(d));
        outProj.add(g, p + "outProj", h.attention(), act.hidden(), batch);
    }

    private void rotaryToCache(DeviceGraph g, String p, HybridActivations h, IntArray seqIdx, IntArray seqStart, IntArray base, KvCache kv,
                               int rows) {
        KernelContext ctx = new KernelContext();
        if (kv.bf16())
            g.tasks().task(p + "rotary", KvCacheWrite::rotaryToCacheBf16, ctx, h.qkv(), kv.cos(), kv.sin(), seqIdx, seqStart, base,
                    h.q(), kv.k16()[layer], kv.v16()[layer], rows, a.numHeads(), a.numHeadsKv(), a.headDim(), a.rotaryDim(), a.rotaryInterleaved(),
                    kv.context());
        else
            g.tasks().task(p + "rotary", KvCacheWrite::rotaryToCache, ctx, h.qkv(), kv.cos(), kv.sin(), seqIdx, seqStart, base,
                    h.q(), kv.k()[layer], kv.v()[layer], rows, a.numHeads(), a.numHeadsKv(), a.headDim(), a.rotaryDim(), a.rotaryInterleaved(),
                    kv.context());
        g.grid(p + "rotary", WorkerGrid.of2D(a.qkvDim(), rows).setLocalWork(64, 1));
    }

    private float scale() { return (float) a.softmaxScale().orElse(1 / Math.sqrt(a.headDim())); }
}
