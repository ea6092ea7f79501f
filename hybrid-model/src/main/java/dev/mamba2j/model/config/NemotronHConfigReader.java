package dev.mamba2j.model.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads transformers' {@code NemotronHConfig} ({@code "model_type": "nemotron_h"}). The blocks are listed in
 * {@code layers_block_type} ({@code "linear_attention"} or {@code "mamba"} for Mamba-2, {@code "full_attention"}
 * or {@code "attention"}, {@code "mlp"}), or, in older configs, spelt by {@code hybrid_override_pattern} one
 * character each ({@code M}, {@code *}, {@code -}). Each block is one pre-norm and one mixer: a Mamba-2 mixer
 * whose gated norm works per group, grouped-query attention without positional embedding, or an MLP
 * {@code down(relu(up(x))²)}. Mixture-of-experts blocks ({@code "moe"}, {@code E}) are refused.
 *
 * <p>Missing fields take NemotronHConfig's defaults, except the sizes that pick out a model ({@code
 * hidden_size}, {@code vocab_size}, the block list). The older {@code mamba_*} spellings of the SSM fields
 * ({@code mamba_n_groups}, {@code mamba_d_conv}, {@code mamba_chunk_size}, {@code mamba_conv_bias},
 * {@code mamba_dt_limit}) win over the newer ones, as NemotronHConfig reads them.
 */
final class NemotronHConfigReader {
    private NemotronHConfigReader() {}

    static ModelConfig read(JsonFields f) {
        int hidden = f.positiveInt("hidden_size");
        int vocab = f.positiveInt("vocab_size");
        double eps = f.positiveDouble("layer_norm_epsilon", 1e-5);
        List<LayerSpec.Mixer> kinds = blocks(f);
        if (f.has("num_hidden_layers") && f.positiveInt("num_hidden_layers") != kinds.size())
            throw f.field("num_hidden_layers", "disagrees with the " + kinds.size() + " blocks the layer list names", f.get("num_hidden_layers"));
        String act = f.string("mlp_hidden_act", "relu2");
        if (!act.toLowerCase(Locale.ROOT).equals("relu2"))
            throw f.field("mlp_hidden_act", "must be \"relu2\" (the squared ReLU of Nemotron-H's MLPs)", f.get("mlp_hidden_act"));
        String mambaAct = f.string("mamba_hidden_act", "silu");
        if (!List.of("silu", "swish").contains(mambaAct.toLowerCase(Locale.ROOT)))
            throw f.field("mamba_hidden_act", "must be \"silu\" or \"swish\" (the Mamba-2 mixer's activation)", f.get("mamba_hidden_act"));
        if (f.has("sliding_window"))
            throw f.field("sliding_window", "is not supported: attention layers attend over the whole sequence", f.get("sliding_window"));

        SsmConfig ssm = readSsm(f, eps);
        boolean anyAttention = kinds.contains(LayerSpec.Mixer.ATTENTION);
        Optional<AttentionConfig> attention = anyAttention ? Optional.of(readAttention(f, hidden)) : Optional.empty();
        int mlp = kinds.contains(LayerSpec.Mixer.MLP) ? f.positiveInt("intermediate_size", 21504) : 0;
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) specs.add(new LayerSpec(i, kinds.get(i), false));
        return new ModelConfig(ModelConfig.Format.NEMOTRON_H, hidden, vocab, vocab, ssm, attention, mlp, specs, true, eps,
                f.bool("residual_in_fp32", false), f.bool("tie_word_embeddings", false), f.tokenId("bos_token_id", 1),
                f.tokenId("eos_token_id", 2), f.tokenId("pad_token_id", 0), f.bool("mlp_bias", false), MlpKind.RELU2);
    }

    /** The block kinds in order, from {@code layers_block_type} if given, else {@code hybrid_override_pattern}. */
    private static List<LayerSpec.Mixer> blocks(JsonFields f) {
        List<LayerSpec.Mixer> kinds = new ArrayList<>();
        if (f.has("layers_block_type")) {
            JsonNode list = f.get("layers_block_type");
            if (!list.isArray() || list.isEmpty()) throw f.field("layers_block_type", "must be a non-empty list of block types", list);
            for (JsonNode e : list) {
                String name = e.isTextual() ? e.textValue() : "";
                LayerSpec.Mixer kind = switch (name) {
                    case "linear_attention", "mamba" -> LayerSpec.Mixer.MAMBA2;
                    case "full_attention", "attention" -> LayerSpec.Mixer.ATTENTION;
                    case "mlp" -> LayerSpec.Mixer.MLP;
                    case "moe" -> throw f.field("layers_block_type", "names a mixture-of-experts block (\"moe\", block " + kinds.size()
                            + "), which is not supported", list);
                    default -> throw f.field("layers_block_type", "block " + kinds.size() + " is " + JsonFields.show(e)
                            + ", not one of \"linear_attention\" (or \"mamba\"), \"full_attention\" (or \"attention\"), \"mlp\"", list);
                };
                kinds.add(kind);
            }
        } else {
            String pattern = f.string("hybrid_override_pattern", null);
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                kinds.add(switch (c) {
                    case 'M' -> LayerSpec.Mixer.MAMBA2;
                    case '*' -> LayerSpec.Mixer.ATTENTION;
                    case '-' -> LayerSpec.Mixer.MLP;
                    case 'E' -> throw f.field("hybrid_override_pattern", "has a mixture-of-experts block ('E' at " + i + "), which is not supported",
                            f.get("hybrid_override_pattern"));
                    default -> throw f.field("hybrid_override_pattern", "has '" + c + "' at " + i + ": blocks are 'M' (Mamba-2), '*' (attention) "
                            + "and '-' (MLP)", f.get("hybrid_override_pattern"));
                });
            }
            if (kinds.isEmpty()) throw f.field("hybrid_override_pattern", "must name at least one block", f.get("hybrid_override_pattern"));
        }
        if (kinds.size() > ModelConfig.MAX_LAYERS) throw f.error("more than " + ModelConfig.MAX_LAYERS + " blocks");
        return kinds;
    }

    /** The Mamba-2 mixer: {@code mamba_num_heads} heads of {@code mamba_head_dim}, whatever {@code expand} says. */
    private static SsmConfig readSsm(JsonFields f, double eps) {
        int heads = f.positiveInt("mamba_num_heads", 128);
        int headDim = f.positiveInt("mamba_head_dim", 64);
        long inner = (long) heads * headDim;
        String groupsAt = spelt(f, "mamba_n_groups", "n_groups");
        int groups = f.positiveInt(groupsAt, 8);
        if (heads % groups != 0) throw f.field(groupsAt, "must divide mamba_num_heads (" + heads + ")", f.get(groupsAt));
        int state = f.positiveInt("ssm_state_size", 128);
        if (2 * inner + 2L * groups * state + heads > Integer.MAX_VALUE / 4)
            throw f.error("sizes too large: the mixer's in_proj would have more than 2^29 rows");
        double[] dt = f.range(spelt(f, "mamba_dt_limit", "time_step_limit"), new double[] {0.0, Double.POSITIVE_INFINITY});
        // transformers' PyTorch path floors dt at time_step_min, prefill and decode alike; its kernel path clamps to the limit
        String minAt = spelt(f, "mamba_dt_min", "time_step_min");
        double floor = Math.max(dt[0], f.positiveDouble(minAt, 0.001));
        if (floor > dt[1]) throw f.field(minAt, "is above the upper dt limit " + dt[1], f.get(minAt));
        String convBiasAt = spelt(f, "mamba_conv_bias", "use_conv_bias");
        return new SsmConfig(state, heads, headDim, groups, (int) inner, f.positiveInt(spelt(f, "mamba_d_conv", "conv_kernel"), 4),
                f.positiveInt(spelt(f, "mamba_chunk_size", "chunk_size"), 128), f.bool("use_bias", false), f.bool(convBiasAt, true),
                false, true, eps, floor, dt[1]);
    }

    /** Grouped-query attention over {@code head_dim} channels per head, no rotary embedding. */
    private static AttentionConfig readAttention(JsonFields f, int hidden) {
        int heads = f.positiveInt("num_attention_heads", 32);
        int kvHeads = f.has("num_key_value_heads") ? f.positiveInt("num_key_value_heads") : heads;
        if (heads % kvHeads != 0)
            throw f.field("num_key_value_heads", "must divide num_attention_heads (" + heads + ")", f.get("num_key_value_heads"));
        if (!f.has("head_dim") && hidden % heads != 0)
            throw f.field("num_attention_heads", "must divide hidden_size (" + hidden + ") when head_dim is not given", f.get("num_attention_heads"));
        int headDim = f.positiveInt("head_dim", hidden / heads);
        boolean bias = f.bool("attention_bias", false);
        return new AttentionConfig(heads, kvHeads, headDim, 0, 10000.0, false, bias, bias, true, OptionalDouble.empty(), 0, 0);
    }

    /** The older spelling of a field when the config has it, else the newer. */
    private static String spelt(JsonFields f, String older, String newer) { return f.has(older) ? older : newer; }
}
