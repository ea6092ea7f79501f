package dev.mamba2j.model;

import dev.mamba2j.kernels.attention.DecodeAttention;
import dev.mamba2j.kernels.attention.FlashAttention;
import dev.mamba2j.model.config.AttentionConfig;
import dev.mamba2j.model.config.LayerSpec;
import dev.mamba2j.model.config.MlpKind;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.config.SsmConfig;
import dev.mamba2j.model.layers.Attention;
import dev.mamba2j.model.layers.Embedding;
import dev.mamba2j.model.layers.GatedMlp;
import dev.mamba2j.model.layers.Mlp;
import dev.mamba2j.model.layers.SquaredReluMlp;
import dev.mamba2j.model.layers.Linear;
import dev.mamba2j.model.layers.Mamba2Mixer;
import dev.mamba2j.model.layers.Precision;
import dev.mamba2j.model.layers.RmsNorm;
import dev.mamba2j.model.weights.ModelWeights;
import dev.mamba2j.model.weights.Tensor;
import dev.mamba2j.model.weights.TensorNames;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Builds a {@link Mamba2Model} from a model folder's files, or with random weights of a config's shape (benchmarks). */
public final class ModelLoader {
    private ModelLoader() {}

    /** The model in {@code dir} (config.json and its weights), the large weights stored as {@code precision}. */
    public static Mamba2Model load(Path dir, Precision precision) {
        ModelConfig config = ModelConfig.read(dir);
        try (ModelWeights w = ModelWeights.open(dir, config)) {
            return load(config, w, precision);
        }
    }

    /** The model of {@code weights}; every array is copied off the files, which may be closed afterwards. */
    public static Mamba2Model load(ModelConfig config, ModelWeights weights, Precision precision) {
        checkSupported(config);
        return build(config, precision, name -> name.equals(TensorNames.LM_HEAD) ? weights.lmHead() : weights.get(name));
    }

    /**
     * A model of {@code config}'s shape with random weights of sensible scale (for throughput measurements:
     * the arithmetic is the same whatever the values).
     */
    public static Mamba2Model random(ModelConfig config, Precision precision, long seed) {
        checkSupported(config);
        return new Random(config, precision, new SplittableRandom(seed)).model();
    }

    private static void checkSupported(ModelConfig config) {
        if (!config.rmsNorm()) throw new IllegalArgumentException("LayerNorm blocks (rms_norm: false) are not supported; Mamba-2 models use RMSNorm");
        if (!config.ssm().gatedNorm()) throw new IllegalArgumentException("a mixer without its gated RMSNorm (rmsnorm: false) is not supported yet");
        if (config.attention().isEmpty()) return;
        AttentionConfig a = config.attention().get();
        if (a.convKernel() > 0)
            throw new IllegalArgumentException("attention with a convolution over q, k, v (attn_cfg.d_conv " + a.convKernel() + ") is not supported yet");
        if (a.mlpDim() > 0)
            throw new IllegalArgumentException("attention with an MLP fused into its projections (attn_cfg.mlp_dim " + a.mlpDim() + ") is not supported yet");
        if (!a.causal())
            throw new IllegalArgumentException("attention layers of a language model must be causal (attn_cfg.causal is false)");
        if (a.headDim() % 8 != 0 || a.headDim() > FlashAttention.MAX_HEAD_DIM || a.headDim() > DecodeAttention.THREADS)
            throw new IllegalArgumentException("attention head_dim " + a.headDim() + " is not supported: a multiple of 8 up to "
                    + FlashAttention.MAX_HEAD_DIM + " is");
    }

    /** Reads every tensor through {@code tensor} (by canonical name). */
    private static Mamba2Model build(ModelConfig c, Precision precision, Function<String, Tensor> tensor) {
        SsmConfig s = c.ssm();
        int d = c.hiddenSize();
        Linear table = big(tensor.apply(TensorNames.EMBEDDING), d, c.paddedVocab(), null, precision);
        Linear head = c.tieEmbeddings() ? table : big(tensor.apply(TensorNames.LM_HEAD), d, c.paddedVocab(), null, precision);
        List<Mamba2Model.Block> blocks = new ArrayList<>();
        for (int i = 0; i < c.numLayers(); i++) {
            final int layer = i;
            Function<String, Tensor> t = rest -> tensor.apply(TensorNames.layer(layer, rest));
            RmsNorm norm = new RmsNorm(t.apply("norm.weight").toFloatArray(), d, (float) c.normEps());
            Mamba2Mixer mixer = null;
            Attention attention = null;
            if (c.layers().get(i).mixer() == LayerSpec.Mixer.ATTENTION) {
                AttentionConfig a = c.attention().orElseThrow();
                attention = new Attention(a, i, big(t.apply("mixer.in_proj.weight"), d, a.qkvDim(), a.qkvBias() ? t.apply("mixer.in_proj.bias") : null, precision),
                        big(t.apply("mixer.out_proj.weight"), a.numHeads() * a.headDim(), d, a.outBias() ? t.apply("mixer.out_proj.bias") : null, precision));
            } else if (c.layers().get(i).mixer() == LayerSpec.Mixer.MAMBA2) {
                float[] aLog = t.apply("mixer.A_log").toFloats();
                FloatArray a = new FloatArray(aLog.length);
                for (int h = 0; h < aLog.length; h++) a.set(h, (float) -Math.exp(aLog[h]));
                mixer = new Mamba2Mixer(s,
                        big(t.apply("mixer.in_proj.weight"), d, s.inProjSize(), s.projBias() ? t.apply("mixer.in_proj.bias") : null, precision),
                        t.apply("mixer.conv1d.weight").toFloatArray(), s.convBias() ? t.apply("mixer.conv1d.bias").toFloatArray() : null,
                        t.apply("mixer.dt_bias").toFloatArray(), a, t.apply("mixer.D").toFloatArray(), t.apply("mixer.norm.weight").toFloatArray(),
                        c.gatedNormGroupSize(),
                        big(t.apply("mixer.out_proj.weight"), s.intermediate(), d, s.projBias() ? t.apply("mixer.out_proj.bias") : null, precision));
            }
            LayerSpec spec = c.layers().get(i);
            if (spec.mixer() == LayerSpec.Mixer.MLP) {
                blocks.add(Mamba2Model.Block.mlpOnly(norm, mlp(c, big(t.apply("mlp.fc1.weight"), d, fc1Rows(c), c.mlpBias() ? t.apply("mlp.fc1.bias") : null, precision),
                        big(t.apply("mlp.fc2.weight"), c.mlpHidden(), d, c.mlpBias() ? t.apply("mlp.fc2.bias") : null, precision))));
                continue;
            }
            RmsNorm norm2 = null;
            Mlp mlp = null;
            if (spec.hasMlp()) {
                norm2 = new RmsNorm(t.apply("norm2.weight").toFloatArray(), d, (float) c.normEps());
                mlp = mlp(c, big(t.apply("mlp.fc1.weight"), d, fc1Rows(c), c.mlpBias() ? t.apply("mlp.fc1.bias") : null, precision),
                        big(t.apply("mlp.fc2.weight"), c.mlpHidden(), d, c.mlpBias() ? t.apply("mlp.fc2.bias") : null, precision));
            }
            blocks.add(new Mamba2Model.Block(norm, mixer, attention, norm2, mlp));
        }
        return new Mamba2Model(c, new Embedding(table), blocks, new RmsNorm(tensor.apply(TensorNames.FINAL_NORM).toFloatArray(), d,
                (float) c.normEps()), head);
    }

    /** Rows of fc1: y, or [y, gate] for SwiGLU. */
    private static int fc1Rows(ModelConfig c) { return Math.toIntExact(c.mlpKind().fc1Rows(c.mlpHidden())); }

    /** The MLP of the config's kind over fc1 and fc2. */
    private static Mlp mlp(ModelConfig c, Linear fc1, Linear fc2) {
        return c.mlpKind() == MlpKind.SWIGLU ? new GatedMlp(fc1, fc2) : new SquaredReluMlp(fc1, fc2);
    }

    private static Linear big(Tensor w, int in, int out, Tensor bias, Precision precision) {
        FloatArray b = bias == null ? null : bias.toFloatArray();
        return precision == Precision.BF16 ? Linear.bf16(in, out, w.toBFloat16Array(), b) : Linear.fp32(in, out, w.toFloatArray(), b);
    }

    /** Random weights: linear layers of variance 1/in, norms 1, A in [1, 16], dt in [0.001, 0.1] through its bias, D 1. */
    private record Random(ModelConfig c, Precision precision, SplittableRandom rnd) {
        Mamba2Model model() {
            SsmConfig s = c.ssm();
            int d = c.hiddenSize();
            Linear table = linear(d, c.paddedVocab(), 1.0);
            List<Mamba2Model.Block> blocks = new ArrayList<>();
            for (int i = 0; i < c.numLayers(); i++) {
                RmsNorm norm = new RmsNorm(ones(d, 1), d, (float) c.normEps());
                Mamba2Mixer mixer = null;
                Attention attention = null;
                LayerSpec spec = c.layers().get(i);
                if (spec.mixer() == LayerSpec.Mixer.MLP) {
                    blocks.add(Mamba2Model.Block.mlpOnly(norm, mlp(c, linear(d, fc1Rows(c), 1.0 / Math.sqrt(d)),
                            linear(c.mlpHidden(), d, 1.0 / Math.sqrt(c.mlpHidden())))));
                    continue;
                }
                if (spec.mixer() == LayerSpec.Mixer.ATTENTION) {
                    AttentionConfig at = c.attention().orElseThrow();
                    int width = at.numHeads() * at.headDim();
                    attention = new Attention(at, i, linear(d, at.qkvDim(), 1.0 / Math.sqrt(d)), linear(width, d, 1.0 / Math.sqrt(width)));
                } else {
                    FloatArray a = new FloatArray(s.numHeads()), dtBias = new FloatArray(s.numHeads());
                    for (int h = 0; h < s.numHeads(); h++) {
                        a.set(h, (float) -(1 + 15 * rnd.nextDouble()));
                        double dt = Math.exp(Math.log(1e-3) + rnd.nextDouble() * Math.log(100));
                        dtBias.set(h, (float) (dt + Math.log(-Math.expm1(-dt))));
                    }
                    FloatArray conv = new FloatArray(s.convDim() * s.convKernel());
                    for (int j = 0; j < conv.getSize(); j++) conv.set(j, (float) (rnd.nextGaussian() * 0.5));
                    mixer = new Mamba2Mixer(s, linear(d, s.inProjSize(), 1.0 / Math.sqrt(d)), conv,
                            s.convBias() ? ones(s.convDim(), 0) : null, dtBias, a, ones(s.dHasHeadDim() ? s.intermediate() : s.numHeads(), 1),
                            ones(s.intermediate(), 1), c.gatedNormGroupSize(), linear(s.intermediate(), d, 1.0 / Math.sqrt(s.intermediate())));
                }
                RmsNorm norm2 = null;
                Mlp mlp = null;
                if (spec.hasMlp()) {
                    int m = c.mlpHidden();
                    norm2 = new RmsNorm(ones(d, 1), d, (float) c.normEps());
                    mlp = mlp(c, linear(d, fc1Rows(c), 1.0 / Math.sqrt(d)), linear(m, d, 1.0 / Math.sqrt(m)));
                }
                blocks.add(new Mamba2Model.Block(norm, mixer, attention, norm2, mlp));
            }
            return new Mamba2Model(c, new Embedding(table), blocks, new RmsNorm(ones(d, 1), d, (float) c.normEps()),
                    c.tieEmbeddings() ? table : linear(d, c.paddedVocab(), 1.0 / Math.sqrt(d)));
        }

        /** Uniform weights of standard deviation {@code std}, filled in parallel (a 2.7B model's take seconds, not minutes). */
        private Linear linear(int in, int out, double std) {
            float[] v = FastFill.unit(Math.multiplyExact((long) in, out), rnd.nextLong());
            for (int j = 0; j < v.length; j++) v[j] *= (float) std;
            return precision == Precision.BF16 ? Linear.bf16(in, out, BFloat16Array.fromArray(v), null)
                    : Linear.fp32(in, out, FloatArray.fromArray(v), null);
        }

        private static FloatArray ones(int n, float v) {
            FloatArray a = new FloatArray(n);
            a.init(v);
            return a;
        }
    }
}
