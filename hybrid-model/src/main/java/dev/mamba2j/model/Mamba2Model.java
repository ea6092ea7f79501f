package dev.mamba2j.model;

import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.layers.Activations;
import dev.mamba2j.model.layers.Attention;
import dev.mamba2j.model.layers.Mlp;
import dev.mamba2j.model.layers.HybridActivations;
import dev.mamba2j.model.layers.KvCache;
import dev.mamba2j.model.layers.Caches;
import dev.mamba2j.model.layers.DeviceGraph;
import dev.mamba2j.model.layers.Embedding;
import dev.mamba2j.model.layers.Linear;
import dev.mamba2j.model.layers.Mamba2Mixer;
import dev.mamba2j.model.layers.Prompt;
import dev.mamba2j.model.layers.RmsNorm;
import dev.mamba2j.model.layers.Sampler;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.NativeArray;

import java.util.ArrayList;
import java.util.List;

/**
 * A Mamba-2 language model, or a hybrid one: embedding, then N blocks of (RMSNorm → mixer → residual),
 * each mixer a Mamba-2 mixer, attention or an MLP, each block optionally followed by (RMSNorm → MLP →
 * residual), then the final norm and the LM head. {@link #prefill} and {@link #decode} describe one forward each, top to
 * bottom, as tasks of a device graph; where the arrays live and when the graphs run is the plan's
 * business ({@link dev.mamba2j.model.generate.ModelPlan}).
 */
public final class Mamba2Model {
    /**
     * One block: the pre-norm (which also adds the previous block's output to the residual stream) and the
     * mixer, a Mamba-2 mixer or attention (the other null); then, when {@code mlp} is not null, its own
     * pre-norm {@code norm2} (adding the mixer's output) and the MLP. A block with neither mixer is an MLP
     * block: the MLP right after the pre-norm, {@code norm2} null.
     */
    public record Block(RmsNorm norm, Mamba2Mixer mixer, Attention attention, RmsNorm norm2, Mlp mlp) {
        public Block {
            if (mixer != null && attention != null) throw new IllegalArgumentException("a block has one mixer: Mamba-2 or attention");
            if (mixer == null && attention == null ? mlp == null || norm2 != null : (norm2 == null) != (mlp == null))
                throw new IllegalArgumentException("a block's MLP comes with its own norm, except in an MLP block");
        }

        /** An MLP block: the pre-norm, then the MLP. */
        public static Block mlpOnly(RmsNorm norm, Mlp mlp) { return new Block(norm, null, null, null, mlp); }

        /** A Mamba-2 block without an MLP. */
        public Block(RmsNorm norm, Mamba2Mixer mixer) { this(norm, mixer, null, null, null); }
    }

    private final ModelConfig config;
    private final Embedding embedding;
    private final List<Block> blocks;
    private final RmsNorm finalNorm;
    private final Linear lmHead;

    public Mamba2Model(ModelConfig config, Embedding embedding, List<Block> blocks, RmsNorm finalNorm, Linear lmHead) {
        this.config = config;
        this.embedding = embedding;
        this.blocks = List.copyOf(blocks);
        this.finalNorm = finalNorm;
        this.lmHead = lmHead;
    }

    /**
     * The prompts' forward: every row through every block (the chunked SSD), then the LM head on each
     * sequence's last row and the next token; the conv and SSM states of each sequence are left in
     * {@code caches}, the keys and values of attention layers in {@code kv}. With {@code allLogits} the LM
     * head runs on every row into {@code logits} (rows, vocab).
     */
    public void prefill(DeviceGraph g, Prompt prompt, Activations act, HybridActivations h, Caches caches, KvCache kv, Sampler sampler,
                        FloatArray lastNormed, FloatArray allLogits) {
        int rows = act.rows(), longest = 0;
        for (int s = 0; s < prompt.batch(); s++) longest = Math.max(longest, prompt.seqStart().get(s + 1) - prompt.seqStart().get(s));
        embedding.add(g, "embed", act.tokens(), act.hidden(), rows);
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            String p = "l" + i + "_";
            b.norm().add(g, p + "prenorm", act.hidden(), act.residual(), act.normed(), rows, i == 0);
            if (b.mixer() != null) b.mixer().prefill(g, p, act, prompt, caches.conv()[i], caches.ssm()[i]);
            else if (b.attention() != null) b.attention().prefill(g, p, act, h, prompt, kv, longest);
            mlp(g, p, b, act, h);
        }
        finalNorm.add(g, "finalNorm", act.hidden(), act.residual(), act.normed(), rows, false);
        if (allLogits != null) lmHead.add(g, "lmHeadAll", act.normed(), allLogits, rows);
        // each sequence's last row, gathered as an embedding of the normed rows by row index
        Embedding lastRows = new Embedding(Linear.fp32(config.hiddenSize(), rows, act.normed(), null));
        lastRows.add(g, "lastRows", prompt.lastRow(), lastNormed, prompt.batch());
        lmHead.add(g, "lmHead", lastNormed, caches.logits(), prompt.batch());
        sampler.add(g, "sample", caches.logits(), caches.uniforms(), caches.next(), prompt.batch(), config.vocabSize(), config.paddedVocab());
    }

    /**
     * One decoding step: the tokens in {@code caches.next()} through every block (the recurrent SSM step;
     * attention over the cache up to {@code kv.positions()}), then the next tokens.
     */
    public void decode(DeviceGraph g, Activations act, HybridActivations h, Caches caches, KvCache kv, Sampler sampler) {
        int batch = act.rows();
        embedding.add(g, "embed", caches.next(), act.hidden(), batch);
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            String p = "l" + i + "_";
            b.norm().add(g, p + "prenorm", act.hidden(), act.residual(), act.normed(), batch, i == 0);
            if (b.mixer() != null) b.mixer().step(g, p, act, caches.conv()[i], caches.ssm()[i]);
            else if (b.attention() != null) b.attention().step(g, p, act, h, kv);
            mlp(g, p, b, act, h);
        }
        finalNorm.add(g, "finalNorm", act.hidden(), act.residual(), act.normed(), batch, false);
        lmHead.add(g, "lmHead", act.normed(), caches.logits(), batch);
        sampler.add(g, "sample", caches.logits(), caches.uniforms(), caches.next(), batch, config.vocabSize(), config.paddedVocab());
    }

    /** The block's MLP, after its own pre-norm (which adds the mixer's output to the residual stream) where it has one. */
    private static void mlp(DeviceGraph g, String p, Block b, Activations act, HybridActivations h) {
        if (b.mlp() == null) return;
        if (b.norm2() != null) b.norm2().add(g, p + "norm2", act.hidden(), act.residual(), act.normed(), act.rows(), false);
        b.mlp().add(g, p + "mlp_", act, h);
    }

    public ModelConfig config() { return config; }

    /** Whether the large weights are stored as bf16 (then attention layers keep their KV cache in bf16 too). */
    public boolean bf16Weights() { return lmHead.isBf16(); }

    /** The blocks in order. */
    public List<Block> blocks() { return blocks; }

    /** Every weight array, to be sent to the device once. */
    public List<NativeArray> weights() {
        List<NativeArray> w = new ArrayList<>();
        addLinear(w, embedding.table());
        if (lmHead != embedding.table()) addLinear(w, lmHead);
        w.add(finalNorm.weight());
        for (Block b : blocks) {
            w.add(b.norm().weight());
            if (b.norm2() != null) w.add(b.norm2().weight());
            if (b.mlp() != null) {
                addLinear(w, b.mlp().fc1());
                addLinear(w, b.mlp().fc2());
            }
            if (b.attention() != null) {
                addLinear(w, b.attention().inProj());
                addLinear(w, b.attention().outProj());
            }
            Mamba2Mixer m = b.mixer();
            if (m == null) continue;
            addLinear(w, m.inProj());
            addLinear(w, m.outProj());
            w.addAll(List.of(m.convWeight(), m.dtBias(), m.a(), m.d(), m.normWeight()));
            if (m.convBias() != null) w.add(m.convBias());
        }
        return w;
    }

    private static void addLinear(List<NativeArray> w, Linear l) {
        w.add(l.isBf16() ? l.w16() : l.w32());
        if (l.bias() != null) w.add(l.bias());
    }

    /** Bytes of weights read by one decoding step (every linear layer, the LM head, one embedding row per token aside). */
    public long weightBytesPerStep() {
        long n = lmHead.weightBytes();
        for (Block b : blocks) {
            for (Linear l : linears(b)) n += l.weightBytes();
        }
        return n;
    }

    public long parameters() {
        long n = (long) config.paddedVocab() * config.hiddenSize() * (config.tieEmbeddings() ? 1 : 2) + config.hiddenSize();
        for (Block b : blocks) {
            n += config.hiddenSize() * (b.norm2() == null ? 1L : 2L);
            for (Linear l : linears(b)) n += (long) l.in() * l.out() + (l.bias() == null ? 0 : l.bias().getSize());
            var m = b.mixer();
            if (m != null)
                n += m.convWeight().getSize() + (m.convBias() == null ? 0 : m.convBias().getSize()) + m.a().getSize() + m.dtBias().getSize()
                        + m.d().getSize() + m.normWeight().getSize();
        }
        return n;
    }

    /** The block's linear layers: the mixer's projections, then the MLP's. */
    private static List<Linear> linears(Block b) {
        List<Linear> l = new ArrayList<>();
        if (b.mixer() != null) l.addAll(List.of(b.mixer().inProj(), b.mixer().outProj()));
        if (b.attention() != null) l.addAll(List.of(b.attention().inProj(), b.attention().outProj()));
        if (b.mlp() != null) l.addAll(List.of(b.mlp().fc1(), b.mlp().fc2()));
        return l;
    }
}
