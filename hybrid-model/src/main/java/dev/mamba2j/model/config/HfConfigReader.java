package dev.mamba2j.model.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads transformers' {@code Mamba2Config}. Missing fields take transformers' defaults, except the
 * sizes that pick out a model ({@code hidden_size}, {@code num_hidden_layers}, {@code vocab_size},
 * {@code num_heads}): their defaults describe one 2.7B-like model, so a config without them is refused.
 */
final class HfConfigReader {
    private HfConfigReader() {}

    static ModelConfig read(JsonFields f) {
        int hidden = f.positiveInt("hidden_size");
        int layers = f.layerCount("num_hidden_layers");
        int vocab = f.positiveInt("vocab_size");
        int heads = f.positiveInt("num_heads");
        int headDim = f.positiveInt("head_dim", 64);
        int expand = f.positiveInt("expand", 2);
        int groups = f.positiveInt("n_groups", 8);
        int stateSize = f.positiveInt("state_size", 128);
        int convKernel = f.positiveInt("conv_kernel", 4);
        int chunk = f.positiveInt("chunk_size", 256);
        double eps = f.positiveDouble("layer_norm_epsilon", 1e-5);
        double[] dt = f.range("time_step_limit", new double[] {0.0, Double.POSITIVE_INFINITY});

        String act = f.string("hidden_act", "silu");
        if (!List.of("silu", "swish").contains(act.toLowerCase(Locale.ROOT)))
            throw f.field("hidden_act", "must be \"silu\" or \"swish\" (the Mamba-2 mixer's activation)", f.get("hidden_act"));
        if (f.bool("norm_before_gate", false))
            throw f.field("norm_before_gate", "is not supported: only the gate-then-norm order (false) is implemented", f.get("norm_before_gate"));
        if (!f.bool("rms_norm", true))
            throw f.field("rms_norm", "must be true: transformers' Mamba2 always uses RMSNorm", f.get("rms_norm"));

        long intermediate = (long) expand * hidden;
        if ((long) heads * headDim != intermediate)
            throw f.error("num_heads * head_dim must equal expand * hidden_size (the intermediate size): "
                    + heads + " * " + headDim + " != " + expand + " * " + hidden);
        if (heads % groups != 0)
            throw f.error("num_heads (" + heads + ") must be a multiple of n_groups (" + groups + ")");
        if (intermediate + 2L * groups * stateSize + intermediate + heads > Integer.MAX_VALUE)
            throw f.error("sizes too large: in_proj would have more than 2^31 rows");

        SsmConfig ssm = new SsmConfig(stateSize, heads, headDim, groups, (int) intermediate, convKernel, chunk,
                f.bool("use_bias", false), f.bool("use_conv_bias", true), false, true, eps, dt[0], dt[1]);
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i < layers; i++) specs.add(new LayerSpec(i, LayerSpec.Mixer.MAMBA2, false));
        return new ModelConfig(ModelConfig.Format.HUGGING_FACE, hidden, vocab, vocab, ssm, Optional.empty(), 0, specs,
                true, eps, f.bool("residual_in_fp32", true), f.bool("tie_word_embeddings", false),
                f.tokenId("bos_token_id", 0), f.tokenId("eos_token_id", 2), f.tokenId("pad_token_id", 1), false, MlpKind.SWIGLU);
    }
}
