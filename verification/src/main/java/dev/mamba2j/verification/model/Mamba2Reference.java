package dev.mamba2j.verification.model;

import dev.mamba2j.model.config.AttentionConfig;
import dev.mamba2j.model.config.LayerSpec;
import dev.mamba2j.model.config.MlpKind;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.config.SsmConfig;
import dev.mamba2j.model.weights.ModelWeights;
import dev.mamba2j.model.weights.TensorNames;
import dev.mamba2j.verification.AttentionReference;

import static dev.mamba2j.verification.nn.LayerReference.silu;

/**
 * A Mamba-2 language model, or a hybrid one with attention layers and MLPs, in double precision,
 * written for reading, not speed: the ground truth the device model is checked against where no golden
 * file exists (two or more groups, bf16, hybrids). One sequence at a time, from an empty state: embedding,
 * then per layer x += mixer(rmsnorm(x)) and, where the layer has one, x += mlp(rmsnorm₂(x)); an MLP block is
 * x += mlp(rmsnorm(x)) alone. A Mamba-2
 * mixer is in_proj → [z, xBC, dt]; xBC → causal conv1d + SiLU → [x, B, C]; dt → softplus(dt + dt_bias)
 * clamped to the dt limit; the SSM recurrence h_t = exp(dt·A)·h_{t−1} + dt·x_t⊗B_t, y_t = h_t·C_t +
 * D·x_t; the gated RMSNorm of y·silu(z); out_proj. Attention is in_proj → [q, k, v]; the rotary embedding
 * of q and k at each position; causal softmax(q·kᵀ·scale)·v, query head h with key/value head
 * h / (heads / kvHeads); out_proj. The MLP is fc1 → [y, gate], y·silu(gate), fc2, or fc1 → y, max(y, 0)², fc2
 * (Nemotron-H). Then the final norm and the LM head.
 */
public final class Mamba2Reference {
    private final ModelConfig config;
    private final SsmConfig ssm;
    private final double[][] embedding, lmHead;
    private final double[] finalNorm;
    private final Layer[] layers;

    /**
     * A layer: the pre-norm, in_proj and out_proj of its mixer (Mamba-2 or attention: the SSM fields then null), its
     * MLP or nulls; an MLP block has only the pre-norm and the MLP.
     */
    private record Layer(LayerSpec.Mixer kind, double[] norm, double[][] inProj, double[] inBias, double[][] conv, double[] convBias, double[] dtBias,
                         double[] a, double[] d, double[] gatedNorm, double[][] outProj, double[] outBias,
                         double[] norm2, double[][] fc1, double[] fc1Bias, double[][] fc2, double[] fc2Bias) {}

    public Mamba2Reference(ModelConfig config, ModelWeights w) {
        if (!config.rmsNorm()) throw new IllegalArgumentException("the reference covers RMSNorm models");
        this.config = config;
        this.ssm = config.ssm();
        int dModel = config.hiddenSize();
        embedding = matrix(w, TensorNames.EMBEDDING, config.paddedVocab(), dModel);
        lmHead = rows(w.lmHead().toFloats(), config.paddedVocab(), dModel);
        finalNorm = vector(w, TensorNames.FINAL_NORM);
        layers = new Layer[config.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            LayerSpec spec = config.layers().get(i);
            double[] norm2 = null, fc1Bias = null, fc2Bias = null;
            double[][] fc1 = null, fc2 = null;
            if (spec.hasMlp() || spec.mixer() == LayerSpec.Mixer.MLP) {
                int m = config.mlpHidden();
                if (spec.hasMlp()) norm2 = vector(w, TensorNames.layer(i, "norm2.weight"));
                fc1 = matrix(w, TensorNames.layer(i, "mlp.fc1.weight"), (int) config.mlpKind().fc1Rows(m), dModel);
                fc2 = matrix(w, TensorNames.layer(i, "mlp.fc2.weight"), dModel, m);
                if (config.mlpBias()) {
                    fc1Bias = vector(w, TensorNames.layer(i, "mlp.fc1.bias"));
                    fc2Bias = vector(w, TensorNames.layer(i, "mlp.fc2.bias"));
                }
            }
            double[] norm = vector(w, TensorNames.layer(i, "norm.weight"));
            if (spec.mixer() == LayerSpec.Mixer.MLP) {
                layers[i] = new Layer(spec.mixer(), norm, null, null, null, null, null, null, null, null, null, null, null, fc1, fc1Bias, fc2, fc2Bias);
                continue;
            }
            if (spec.mixer() == LayerSpec.Mixer.ATTENTION) {
                AttentionConfig at = config.attention().orElseThrow();
                layers[i] = new Layer(spec.mixer(), norm, matrix(w, TensorNames.layer(i, "mixer.in_proj.weight"), at.qkvDim(), dModel),
                        at.qkvBias() ? vector(w, TensorNames.layer(i, "mixer.in_proj.bias")) : null, null, null, null, null, null, null,
                        matrix(w, TensorNames.layer(i, "mixer.out_proj.weight"), dModel, at.numHeads() * at.headDim()),
                        at.outBias() ? vector(w, TensorNames.layer(i, "mixer.out_proj.bias")) : null, norm2, fc1, fc1Bias, fc2, fc2Bias);
                continue;
            }
            double[] aLog = vector(w, TensorNames.layer(i, "mixer.A_log"));
            double[] a = new double[aLog.length];
            for (int h = 0; h < a.length; h++) a[h] = -Math.exp(aLog[h]);
            layers[i] = new Layer(spec.mixer(), norm,
                    matrix(w, TensorNames.layer(i, "mixer.in_proj.weight"), ssm.inProjSize(), dModel),
                    ssm.projBias() ? vector(w, TensorNames.layer(i, "mixer.in_proj.bias")) : null,
                    matrix(w, TensorNames.layer(i, "mixer.conv1d.weight"), ssm.convDim(), ssm.convKernel()),
                    ssm.convBias() ? vector(w, TensorNames.layer(i, "mixer.conv1d.bias")) : null,
                    vector(w, TensorNames.layer(i, "mixer.dt_bias")), a, vector(w, TensorNames.layer(i, "mixer.D")),
                    vector(w, TensorNames.layer(i, "mixer.norm.weight")),
                    matrix(w, TensorNames.layer(i, "mixer.out_proj.weight"), dModel, ssm.intermediate()),
                    ssm.projBias() ? vector(w, TensorNames.layer(i, "mixer.out_proj.bias")) : null, norm2, fc1, fc1Bias, fc2, fc2Bias);
        }
    }

    /** The logits (tokens.length, padded vocab) of one forward over {@code tokens}. */
    public double[][] logits(int[] tokens) {
        int len = tokens.length;
        double[][] residual = new double[len][];
        for (int t = 0; t < len; t++) residual[t] = embedding[tokens[t]].clone();
        for (Layer layer : layers) {
            double[][] u = rmsNorm(residual, layer.norm(), config.normEps());
            add(residual, switch (layer.kind()) {
                case MAMBA2 -> mixer(layer, u);
                case ATTENTION -> attention(layer, u);
                case MLP -> mlp(layer, u);
            });
            if (layer.norm2() != null) add(residual, mlp(layer, rmsNorm(residual, layer.norm2(), config.normEps())));
        }
        return linear(rmsNorm(residual, finalNorm, config.normEps()), lmHead, null);
    }

    private double[][] mixer(Layer l, double[][] u) {
        int len = u.length, inner = ssm.intermediate(), convDim = ssm.convDim(), heads = ssm.numHeads(), p = ssm.headDim(),
                n = ssm.stateSize(), groupWidth = ssm.nGroups() * n, k = ssm.convKernel();
        double[][] proj = linear(u, l.inProj(), l.inBias());
        double[][] xbc = new double[len][convDim];
        for (int t = 0; t < len; t++)
            for (int c = 0; c < convDim; c++) {
                double s = l.convBias() == null ? 0 : l.convBias()[c];
                for (int j = 0; j < k; j++) {
                    int src = t - (k - 1) + j;
                    if (src >= 0) s += l.conv()[c][j] * proj[src][inner + c];
                }
                xbc[t][c] = silu(s);
            }
        double[][] y = new double[len][inner];
        double[][][] h = new double[heads][p][n];
        for (int t = 0; t < len; t++)
            for (int hd = 0; hd < heads; hd++) {
                int g = hd / ssm.headsPerGroup();
                double dt = softplus(proj[t][inner + convDim + hd] + l.dtBias()[hd]);
                dt = Math.min(Math.max(dt, ssm.dtMin()), ssm.dtMax());
                double decay = Math.exp(dt * l.a()[hd]);
                for (int i = 0; i < p; i++) {
                    double x = xbc[t][hd * p + i], acc = 0;
                    for (int s = 0; s < n; s++) {
                        h[hd][i][s] = decay * h[hd][i][s] + dt * x * xbc[t][inner + g * n + s];
                        acc += h[hd][i][s] * xbc[t][inner + groupWidth + g * n + s];
                    }
                    double d = l.d().length == heads ? l.d()[hd] : l.d()[hd * p + i];
                    y[t][hd * p + i] = acc + d * x;
                }
            }
        int group = config.gatedNormGroupSize();
        for (int t = 0; t < len; t++) {
            for (int c = 0; c < inner; c++) y[t][c] *= silu(proj[t][c]);
            for (int g0 = 0; g0 < inner; g0 += group) {
                double ss = 0;
                for (int c = g0; c < g0 + group; c++) ss += y[t][c] * y[t][c];
                double scale = 1 / Math.sqrt(ss / group + ssm.gatedNormEps());
                for (int c = g0; c < g0 + group; c++) y[t][c] *= scale * l.gatedNorm()[c];
            }
        }
        return linear(y, l.outProj(), l.outBias());
    }

    private double[][] attention(Layer l, double[][] u) {
        AttentionConfig at = config.attention().orElseThrow();
        int len = u.length, d = at.headDim(), qWidth = at.numHeads() * d, kvWidth = at.numHeadsKv() * d;
        double[][] proj = linear(u, l.inProj(), l.inBias());
        double[] q = new double[len * qWidth], k = new double[len * kvWidth], v = new double[len * kvWidth];
        int[] position = new int[len];
        for (int t = 0; t < len; t++) {
            position[t] = t;
            System.arraycopy(proj[t], 0, q, t * qWidth, qWidth);
            System.arraycopy(proj[t], qWidth, k, t * kvWidth, kvWidth);
            System.arraycopy(proj[t], qWidth + kvWidth, v, t * kvWidth, kvWidth);
        }
        if (at.rotaryDim() > 0) {
            q = AttentionReference.rotate(q, position, at.numHeads(), d, at.rotaryDim(), at.rotaryBase(), at.rotaryInterleaved());
            k = AttentionReference.rotate(k, position, at.numHeadsKv(), d, at.rotaryDim(), at.rotaryBase(), at.rotaryInterleaved());
        }
        double scale = at.softmaxScale().orElse(1 / Math.sqrt(d));
        double[] o = AttentionReference.packed(q, k, v, new int[] {len}, at.numHeads(), at.numHeadsKv(), d, scale);
        double[][] rows = new double[len][qWidth];
        for (int t = 0; t < len; t++) System.arraycopy(o, t * qWidth, rows[t], 0, qWidth);
        return linear(rows, l.outProj(), l.outBias());
    }

    /** fc1 → [y, gate]; y · silu(gate); fc2 — or, for a squared-ReLU MLP, fc1 → y; max(y, 0)²; fc2. */
    private double[][] mlp(Layer l, double[][] u) {
        int m = config.mlpHidden();
        double[][] y = linear(u, l.fc1(), l.fc1Bias());
        double[][] act = new double[u.length][m];
        for (int t = 0; t < u.length; t++)
            for (int j = 0; j < m; j++) {
                double r = Math.max(y[t][j], 0);
                act[t][j] = config.mlpKind() == MlpKind.SWIGLU ? y[t][j] * silu(y[t][m + j]) : r * r;
            }
        return linear(act, l.fc2(), l.fc2Bias());
    }

    private static void add(double[][] residual, double[][] out) {
        for (int t = 0; t < residual.length; t++) for (int j = 0; j < out[t].length; j++) residual[t][j] += out[t][j];
    }

    static double[][] rmsNorm(double[][] x, double[] weight, double eps) {
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double ss = 0;
            for (double v : x[t]) ss += v * v;
            double scale = 1 / Math.sqrt(ss / x[t].length + eps);
            out[t] = new double[x[t].length];
            for (int j = 0; j < x[t].length; j++) out[t][j] = x[t][j] * scale * weight[j];
        }
        return out;
    }

    /** x (rows, in) · Wᵀ, W (out, in) as PyTorch stores it. */
    static double[][] linear(double[][] x, double[][] w, double[] bias) {
        double[][] y = new double[x.length][w.length];
        for (int t = 0; t < x.length; t++)
            for (int o = 0; o < w.length; o++) {
                double s = bias == null ? 0 : bias[o];
                for (int i = 0; i < x[t].length; i++) s += x[t][i] * w[o][i];
                y[t][o] = s;
            }
        return y;
    }

    static double softplus(double v) { return v > 20 ? v : Math.log1p(Math.exp(v)); }

    private static double[] vector(ModelWeights w, String name) {
        float[] f = w.get(name).toFloats();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static double[][] matrix(ModelWeights w, String name, int rows, int cols) { return rows(w.get(name).toFloats(), rows, cols); }

    private static double[][] rows(float[] f, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) m[r][c] = f[r * cols + c];
        return m;
    }
}
