package dev.mamba2j.model;

import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.layers.Activations;
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
 * A Mamba-2 language model: embedding, then N blocks of (RMSNorm → Mamba-2 mixer → residual), the
 * final norm and the LM head. {@link #prefill} and {@link #decode} describe one forward each, top to
 * bottom, as tasks of a device graph; where the arrays live and when the graphs run is the plan's
 * business ({@link dev.mamba2j.model.generate.ModelPlan}).
 */
public final class Mamba2Model {
    /** One block: the pre-norm (which also adds the previous block's output to the residual stream) and the mixer. */
    public record Block(RmsNorm norm, Mamba2Mixer mixer) {}

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
     * {@code caches}. With {@code allLogits} the LM head runs on every row into {@code logits} (rows, vocab).
     */
    public void prefill(DeviceGraph g, Prompt prompt, Activations act, Caches caches, Sampler sampler, FloatArray lastNormed,
                        FloatArray allLogits) {
        int rows = act.rows();
        embedding.add(g, "embed", act.tokens(), act.hidden(), rows);
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            b.norm().add(g, "l" + i + "_prenorm", act.hidden(), act.residual(), act.normed(), rows, i == 0);
            b.mixer().prefill(g, "l" + i + "_", act, prompt, caches.conv()[i], caches.ssm()[i]);
        }
        finalNorm.add(g, "finalNorm", act.hidden(), act.residual(), act.normed(), rows, false);
        if (allLogits != null) lmHead.add(g, "lmHeadAll", act.normed(), allLogits, rows);
        // each sequence's last row, gathered as an embedding of the normed rows by row index
        Embedding lastRows = new Embedding(Linear.fp32(config.hiddenSize(), rows, act.normed(), null));
        lastRows.add(g, "lastRows", prompt.lastRow(), lastNormed, prompt.batch());
        lmHead.add(g, "lmHead", lastNormed, caches.logits(), prompt.batch());
        sampler.add(g, "sample", caches.logits(), caches.uniforms(), caches.next(), prompt.batch(), config.vocabSize(), config.paddedVocab());
    }

    /** One decoding step: the tokens in {@code caches.next()} through every block (the recurrent SSM step), then the next tokens. */
    public void decode(DeviceGraph g, Activations act, Caches caches, Sampler sampler) {
        int batch = act.rows();
        embedding.add(g, "embed", caches.next(), act.hidden(), batch);
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            b.norm().add(g, "l" + i + "_prenorm", act.hidden(), act.residual(), act.normed(), batch, i == 0);
            b.mixer().step(g, "l" + i + "_", act, caches.conv()[i], caches.ssm()[i]);
        }
        finalNorm.add(g, "finalNorm", act.hidden(), act.residual(), act.normed(), batch, false);
        lmHead.add(g, "lmHead", act.normed(), caches.logits(), batch);
        sampler.add(g, "sample", caches.logits(), caches.uniforms(), caches.next(), batch, config.vocabSize(), config.paddedVocab());
    }

    public ModelConfig config() { return config; }

    /** Every weight array, to be sent to the device once. */
    public List<NativeArray> weights() {
        List<NativeArray> w = new ArrayList<>();
        addLinear(w, embedding.table());
        if (lmHead != embedding.table()) addLinear(w, lmHead);
        w.add(finalNorm.weight());
        for (Block b : blocks) {
            Mamba2Mixer m = b.mixer();
            w.add(b.norm().weight());
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
        for (Block b : blocks) n += b.mixer().inProj().weightBytes() + b.mixer().outProj().weightBytes();
        return n;
    }

    public long parameters() {
        long n = (long) config.paddedVocab() * config.hiddenSize() * (config.tieEmbeddings() ? 1 : 2) + config.hiddenSize();
        for (Block b : blocks) {
            var m = b.mixer();
            n += config.hiddenSize() + (long) m.inProj().in() * m.inProj().out() + (long) m.outProj().in() * m.outProj().out()
                    + m.convWeight().getSize() + (m.convBias() == null ? 0 : m.convBias().getSize()) + m.a().getSize() + m.dtBias().getSize() + m.d().getSize()
                    + m.normWeight().getSize();
        }
        return n;
    }
}
