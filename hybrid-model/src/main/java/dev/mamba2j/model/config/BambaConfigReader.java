package dev.mamba2j.model.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads transformers' {@code BambaConfig} ({@code "model_type": "bamba"}): Mamba-2 layers and, at
 * {@code attn_layer_indices}, grouped-query attention layers with rotary embeddings on part of each head;
 * every layer is followed by a gated MLP ({@code feed_forward}, SwiGLU of width {@code intermediate_size}).
 * Missing fields take BambaConfig's defaults, except the sizes that pick out a model ({@code hidden_size},
 * {@code num_hidden_layers}, {@code vocab_size}), which are required.
 *
 * <p>The rotary embedding covers {@code head_dim · partial_rotary_factor} channels of each head, the
 * factor read from the top level or from {@code rope_parameters}, else BambaConfig's fixed 0.5; the
 * frequency base is {@code rope_parameters.rope_theta}, else {@code rope_theta}, else 10000. Only the
 * default rope type is supported.
 */
final class BambaConfigReader {
    /** BambaConfig sets the rotary part of each head to this when the config does not say. */
    static final double DEFAULT_PARTIAL_ROTARY = 0.5;

    private BambaConfigReader() {}

    static ModelConfig read(JsonFields f) {
        int hidden = f.positiveInt("hidden_size");
        int layers = f.positiveInt("num_hidden_layers");
        int vocab = f.positiveInt("vocab_size");
        int mlp = f.positiveInt("intermediate_size", 14336);
        double eps = f.positiveDouble("rms_norm_eps", 1e-5);
        String act = f.string("hidden_act", "silu");
        if (!List.of("silu", "swish").contains(act.toLowerCase(Locale.ROOT)))
            throw f.field("hidden_act", "must be \"silu\" or \"swish\" (the gated MLP's activation)", f.get("hidden_act"));
        if (f.bool("mamba_norm_before_gate", false))
            throw f.field("mamba_norm_before_gate", "is not supported: only the gate-then-norm order (false) is implemented", f.get("mamba_norm_before_gate"));
        if (!f.bool("mamba_rms_norm", true))
            throw f.field("mamba_rms_norm", "must be true: Bamba's mixer always has its gated RMSNorm", f.get("mamba_rms_norm"));

        SsmConfig ssm = readSsm(f, hidden, eps);
        List<Integer> attnIdx = f.indexList("attn_layer_indices", layers);
        Optional<AttentionConfig> attention = attnIdx.isEmpty() ? Optional.empty() : Optional.of(readAttention(f, hidden));
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i < layers; i++) specs.add(new LayerSpec(i, attnIdx.contains(i) ? LayerSpec.Mixer.ATTENTION : LayerSpec.Mixer.MAMBA2, true));
        return new ModelConfig(ModelConfig.Format.BAMBA, hidden, vocab, vocab, ssm, attention, mlp, specs, true, eps, true,
                f.bool("tie_word_embeddings", false), f.tokenId("bos_token_id", 1), f.tokenId("eos_token_id", 2),
                f.tokenId("pad_token_id", 0), f.bool("mlp_bias", false), MlpKind.SWIGLU);
    }

    private static SsmConfig readSsm(JsonFields f, int hidden, double eps) {
        int expand = f.positiveInt("mamba_expand", 2);
        long inner = (long) expand * hidden;
        if (inner > Integer.MAX_VALUE / 4) throw f.error("mamba_expand * hidden_size is too large: " + inner);
        if (f.has("mamba_d_ssm") && f.positiveInt("mamba_d_ssm") != inner)
            throw f.field("mamba_d_ssm", "must equal mamba_expand * hidden_size (" + inner + ")", f.get("mamba_d_ssm"));
        int heads = f.positiveInt("mamba_n_heads", 128);
        if (inner % heads != 0)
            throw f.field("mamba_n_heads", "must divide mamba_expand * hidden_size (" + inner + ")", f.get("mamba_n_heads"));
        JsonNode dHead = f.get("mamba_d_head");
        int headDim = dHead.isNull() || dHead.isTextual() && dHead.textValue().equals("auto") ? (int) (inner / heads) : f.positiveInt("mamba_d_head");
        if ((long) heads * headDim != inner)
            throw f.field("mamba_d_head", "times mamba_n_heads (" + heads + ") must equal mamba_expand * hidden_size (" + inner + ")", dHead);
        int groups = f.positiveInt("mamba_n_groups", 1);
        if (heads % groups != 0)
            throw f.field("mamba_n_groups", "must divide mamba_n_heads (" + heads + ")", f.get("mamba_n_groups"));
        int state = f.positiveInt("mamba_d_state", 256);
        if (inner + 2L * groups * state + inner + heads > Integer.MAX_VALUE)
            throw f.error("sizes too large: the mixer's in_proj would have more than 2^31 rows");
        double[] dt = f.range("time_step_limit", new double[] {0.0, Double.POSITIVE_INFINITY});
        return new SsmConfig(state, heads, headDim, groups, (int) inner, f.positiveInt("mamba_d_conv", 4), f.positiveInt("mamba_chunk_size", 256),
                f.bool("mamba_proj_bias", false), f.bool("mamba_conv_bias", true), false, true, eps, dt[0], dt[1]);
    }

    private static AttentionConfig readAttention(JsonFields f, int hidden) {
        int heads = f.positiveInt("num_attention_heads", 32);
        int kvHeads = f.positiveInt("num_key_value_heads", 8);
        if (heads % kvHeads != 0)
            throw f.field("num_key_value_heads", "must divide num_attention_heads (" + heads + ")", f.get("num_key_value_heads"));
        if (!f.has("head_dim") && hidden % heads != 0)
            throw f.field("num_attention_heads", "must divide hidden_size (" + hidden + ") when head_dim is not given", f.get("num_attention_heads"));
        int headDim = f.positiveInt("head_dim", hidden / heads);

        JsonFields rope = f.object("rope_parameters");
        String type = rope.string("rope_type", "default");
        if (!type.equals("default"))
            throw rope.field("rope_type", "must be \"default\": scaled rotary embeddings are not supported", rope.get("rope_type"));
        if (f.has("rope_scaling"))
            throw f.field("rope_scaling", "is not supported: only the default rotary embedding is implemented", f.get("rope_scaling"));
        double theta = rope.positiveDouble("rope_theta", f.positiveDouble("rope_theta", 10000.0));
        JsonFields factorAt = rope.has("partial_rotary_factor") ? rope : f;
        double factor = factorAt.positiveDouble("partial_rotary_factor", DEFAULT_PARTIAL_ROTARY);
        if (factor > 1) throw factorAt.field("partial_rotary_factor", "must lie in (0, 1]", factorAt.get("partial_rotary_factor"));
        int rotary = (int) (headDim * factor);
        if (rotary % 2 != 0 || rotary == 0)
            throw factorAt.field("partial_rotary_factor", "times head_dim (" + headDim + ") must give an even, positive number of channels",
                    factorAt.get("partial_rotary_factor"));
        boolean bias = f.bool("attention_bias", false);
        return new AttentionConfig(heads, kvHeads, headDim, rotary, theta, false, bias, bias, true, OptionalDouble.empty(), 0, 0);
    }
}
