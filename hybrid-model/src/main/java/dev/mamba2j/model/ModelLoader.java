package dev.mamba2j.model;

import dev.mamba2j.model.config.LayerSpec;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.config.SsmConfig;
import dev.mamba2j.model.layers.Embedding;
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
        for (LayerSpec l : config.layers()) {
            if (l.mixer() != LayerSpec.Mixer.MAMBA2)
                throw new IllegalArgumentException("layer " + l.index() + " is an attention layer: hybrid models with attention are not supported yet");
            if (l.hasMlp()) throw new IllegalArgumentException("layer " + l.index() + " has a gated MLP (d_intermediate > 0): not supported yet");
        }
        if (!config.rmsNorm()) throw new IllegalArgumentException("LayerNorm blocks (rms_norm: false) are not supported; Mamba-2 models use RMSNorm");
        if (!config.ssm().gatedNorm()) throw new IllegalArgumentException("a mixer without its gated RMSNorm (rmsnorm: false) is not supported yet");
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
            float[] aLog = t.apply("mixer.A_log").toFloats();
            FloatArray a = new FloatArray(aLog.length);
            for (int h = 0; h < aLog.length; h++) a.set(h, (float) -Math.exp(aLog[h]));
            Mamba2Mixer mixer = new Mamba2Mixer(s,
                    big(t.apply("mixer.in_proj.weight"), d, s.inProjSize(), s.projBias() ? t.apply("mixer.in_proj.bias") : null, precision),
                    t.apply("mixer.conv1d.weight").toFloatArray(), s.convBias() ? t.apply("mixer.conv1d.bias").toFloatArray() : null,
                    t.apply("mixer.dt_bias").toFloatArray(), a, t.apply("mixer.D").toFloatArray(), t.apply("mixer.norm.weight").toFloatArray(),
                    c.gatedNormGroupSize(),
                    big(t.apply("mixer.out_proj.weight"), s.intermediate(), d, s.projBias() ? t.apply("mixer.out_proj.bias") : null, precision));
            blocks.add(new Mamba2Model.Block(new RmsNorm(t.apply("norm.weight").toFloatArray(), d, (float) c.normEps()), mixer));
        }
        return new Mamba2Model(c, new Embedding(table), blocks, new RmsNorm(tensor.apply(TensorNames.FINAL_NORM).toFloatArray(), d,
                (float) c.normEps()), head);
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
                FloatArray a = new FloatArray(s.numHeads()), dtBias = new FloatArray(s.numHeads());
                for (int h = 0; h < s.numHeads(); h++) {
                    a.set(h, (float) -(1 + 15 * rnd.nextDouble()));
                    double dt = Math.exp(Math.log(1e-3) + rnd.nextDouble() * Math.log(100));
                    dtBias.set(h, (float) (dt + Math.log(-Math.expm1(-dt))));
                }
                FloatArray conv = new FloatArray(s.convDim() * s.convKernel());
                for (int j = 0; j < conv.getSize(); j++) conv.set(j, (float) (rnd.nextGaussian() * 0.5));
                Mamba2Mixer mixer = new Mamba2Mixer(s, linear(d, s.inProjSize(), 1.0 / Math.sqrt(d)), conv,
                        s.convBias() ? ones(s.convDim(), 0) : null, dtBias, a, ones(s.dHasHeadDim() ? s.intermediate() : s.numHeads(), 1),
                        ones(s.intermediate(), 1), c.gatedNormGroupSize(), linear(s.intermediate(), d, 1.0 / Math.sqrt(s.intermediate())));
                blocks.add(new Mamba2Model.Block(new RmsNorm(ones(d, 1), d, (float) c.normEps()), mixer));
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
