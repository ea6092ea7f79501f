package dev.mamba2j.model.weights;

import dev.mamba2j.model.config.AttentionConfig;
import dev.mamba2j.model.config.LayerSpec;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.config.SsmConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Every tensor a model of a given config has, with its shape, as mamba_ssm and transformers build
 * them: {@code nn.Linear} weights are {@code (out, in)}, the depthwise {@code nn.Conv1d} weight is
 * {@code (channels, 1, width)}.
 */
public final class ExpectedTensors {
    private ExpectedTensors() {}

    /** The tensors in model order: embedding, each block, final norm, LM head. */
    public static List<TensorSpec> of(ModelConfig c) {
        List<TensorSpec> out = new ArrayList<>();
        long h = c.hiddenSize();
        out.add(spec(TensorNames.EMBEDDING, c.paddedVocab(), h));
        for (LayerSpec l : c.layers()) {
            int i = l.index();
            norm(out, c, TensorNames.layer(i, "norm"));
            switch (l.mixer()) {
                case MAMBA2 -> mamba2(out, i, c.ssm(), h);
                case ATTENTION -> attention(out, i, c.attention().orElseThrow(), h);
                case MLP -> mlp(out, i, c);
            }
            if (l.hasMlp()) {
                norm(out, c, TensorNames.layer(i, "norm2"));
                mlp(out, i, c);
            }
        }
        norm(out, c, "norm_f");
        out.add(new TensorSpec(TensorNames.LM_HEAD, new long[] {c.paddedVocab(), h}, !c.tieEmbeddings()));
        return out;
    }

    /** fc1 (y, or [y, gate] for SwiGLU) and fc2, biases where the config says. */
    private static void mlp(List<TensorSpec> out, int i, ModelConfig c) {
        long h = c.hiddenSize(), rows = c.mlpKind().fc1Rows(c.mlpHidden());
        out.add(spec(TensorNames.layer(i, "mlp.fc1.weight"), rows, h));
        if (c.mlpBias()) out.add(spec(TensorNames.layer(i, "mlp.fc1.bias"), rows));
        out.add(spec(TensorNames.layer(i, "mlp.fc2.weight"), h, c.mlpHidden()));
        if (c.mlpBias()) out.add(spec(TensorNames.layer(i, "mlp.fc2.bias"), h));
    }

    private static void mamba2(List<TensorSpec> out, int i, SsmConfig s, long h) {
        String m = "mixer.";
        out.add(spec(TensorNames.layer(i, m + "in_proj.weight"), s.inProjSize(), h));
        if (s.projBias()) out.add(spec(TensorNames.layer(i, m + "in_proj.bias"), s.inProjSize()));
        out.add(spec(TensorNames.layer(i, m + "conv1d.weight"), s.convDim(), 1, s.convKernel()));
        if (s.convBias()) out.add(spec(TensorNames.layer(i, m + "conv1d.bias"), s.convDim()));
        out.add(spec(TensorNames.layer(i, m + "dt_bias"), s.numHeads()));
        out.add(spec(TensorNames.layer(i, m + "A_log"), s.numHeads()));
        // mamba_ssm keeps a per-channel D flat, (d_ssm,), and views it as (heads, headdim) when used.
        out.add(spec(TensorNames.layer(i, m + "D"), s.dHasHeadDim() ? s.intermediate() : s.numHeads()));
        if (s.gatedNorm()) out.add(spec(TensorNames.layer(i, m + "norm.weight"), s.intermediate()));
        out.add(spec(TensorNames.layer(i, m + "out_proj.weight"), h, s.intermediate()));
        if (s.projBias()) out.add(spec(TensorNames.layer(i, m + "out_proj.bias"), h));
    }

    private static void attention(List<TensorSpec> out, int i, AttentionConfig a, long h) {
        String m = "mixer.";
        out.add(spec(TensorNames.layer(i, m + "in_proj.weight"), a.inProjSize(), h));
        if (a.qkvBias()) out.add(spec(TensorNames.layer(i, m + "in_proj.bias"), a.inProjSize()));
        if (a.convKernel() > 0) {
            out.add(spec(TensorNames.layer(i, m + "conv1d.weight"), a.qkvDim(), 1, a.convKernel()));
            out.add(spec(TensorNames.layer(i, m + "conv1d.bias"), a.qkvDim()));
        }
        out.add(spec(TensorNames.layer(i, m + "out_proj.weight"), h, a.outProjInputs()));
        if (a.outBias()) out.add(spec(TensorNames.layer(i, m + "out_proj.bias"), h));
    }

    /** RMSNorm has a weight; LayerNorm a weight and a bias. */
    private static void norm(List<TensorSpec> out, ModelConfig c, String prefix) {
        out.add(spec(prefix + ".weight", c.hiddenSize()));
        if (!c.rmsNorm()) out.add(spec(prefix + ".bias", c.hiddenSize()));
    }

    private static TensorSpec spec(String name, long... shape) { return new TensorSpec(name, shape, true); }
}
