package dev.mamba2j.model.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads mamba_ssm's {@code MambaConfig} (the config.json of a {@code MambaLMHeadModel}). Defaults are
 * those of MambaConfig, of {@code Mamba2} for {@code ssm_cfg} and of {@code MHA} for {@code attn_cfg};
 * {@code d_model}, {@code n_layer} and {@code vocab_size} are required, as is {@code ssm_cfg.layer}
 * = "Mamba2" (mamba_ssm reads a missing layer as Mamba1).
 */
final class StateSpacesConfigReader {
    /** mamba_ssm's MixerModel norm epsilon; MambaLMHeadModel never passes another. */
    static final double NORM_EPS = 1e-5;
    /** mamba_ssm's gated RMSNorm inside Mamba2 is built with this epsilon. */
    static final double GATED_NORM_EPS = 1e-5;

    private StateSpacesConfigReader() {}

    static ModelConfig read(JsonFields f) {
        int dModel = f.positiveInt("d_model");
        int nLayer = f.layerCount("n_layer");
        int vocab = f.positiveInt("vocab_size");
        int padMultiple = f.positiveInt("pad_vocab_size_multiple", 8);
        long padded = ((long) vocab + padMultiple - 1) / padMultiple * padMultiple;
        if (padded > Integer.MAX_VALUE) throw f.error("vocab_size padded to pad_vocab_size_multiple exceeds 2^31-1");
        int dIntermediate = f.nonNegativeInt("d_intermediate", 0);
        long mlpHidden = dIntermediate == 0 ? 0 : ((long) dIntermediate + 127) / 128 * 128;
        if (mlpHidden > Integer.MAX_VALUE / 2) throw f.field("d_intermediate", "is too large", f.get("d_intermediate"));
        f.bool("fused_add_norm", true); // a kernel choice in mamba_ssm: same math either way, checked for type only

        SsmConfig ssm = readSsm(f.object("ssm_cfg"), dModel);
        List<Integer> attnIdx = f.indexList("attn_layer_idx", nLayer);
        JsonFields attnCfg = f.object("attn_cfg");
        Optional<AttentionConfig> attention = attnIdx.isEmpty() ? Optional.empty() : Optional.of(readAttention(attnCfg, dModel));
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < nLayer; i++)
            layers.add(new LayerSpec(i, attnIdx.contains(i) ? LayerSpec.Mixer.ATTENTION : LayerSpec.Mixer.MAMBA2, mlpHidden > 0));
        return new ModelConfig(ModelConfig.Format.STATE_SPACES, dModel, vocab, (int) padded, ssm, attention, (int) mlpHidden,
                layers, f.bool("rms_norm", true), NORM_EPS, f.bool("residual_in_fp32", true), f.bool("tie_embeddings", true),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), false, MlpKind.SWIGLU);
    }

    private static SsmConfig readSsm(JsonFields s, int dModel) {
        if (!s.has("layer"))
            throw s.error("field \"" + s.path("layer") + "\" is missing, which mamba_ssm reads as \"Mamba1\": "
                    + "Mamba-1 models are not supported, only \"Mamba2\"");
        if (!s.string("layer", null).equals("Mamba2"))
            throw s.field("layer", "must be \"Mamba2\" (Mamba-1 models are not supported)", s.get("layer"));
        int dState = s.positiveInt("d_state", 128);
        int dConv = s.positiveInt("d_conv", 4);
        int expand = s.positiveInt("expand", 2);
        int headdim = s.positiveInt("headdim", 64);
        int ngroups = s.positiveInt("ngroups", 1);
        int chunk = s.positiveInt("chunk_size", 256);
        if (s.bool("norm_before_gate", false))
            throw s.field("norm_before_gate", "is not supported: only the gate-then-norm order (false) is implemented", s.get("norm_before_gate"));
        long inner = (long) expand * dModel;
        if (inner > Integer.MAX_VALUE / 4) throw s.error("expand * d_model is too large: " + inner);
        if (s.has("d_ssm") && s.positiveInt("d_ssm") != inner)
            throw s.field("d_ssm", "must equal expand * d_model (" + inner + "): a partial SSM with a gated MLP beside it is not supported", s.get("d_ssm"));
        if (inner % headdim != 0)
            throw s.error("field \"" + s.path("headdim") + "\" (" + headdim + ") must divide expand * d_model (" + inner + ")");
        int heads = (int) (inner / headdim);
        if (heads % ngroups != 0)
            throw s.error("the head count expand * d_model / headdim (" + heads + ") must be a multiple of field \"" + s.path("ngroups") + "\" (" + ngroups + ")");
        if (inner + 2L * ngroups * dState + inner + heads > Integer.MAX_VALUE)
            throw s.error("sizes too large: in_proj would have more than 2^31 rows");
        double[] dt = s.range("dt_limit", new double[] {0.0, Double.POSITIVE_INFINITY});
        return new SsmConfig(dState, heads, headdim, ngroups, (int) inner, dConv, chunk, s.bool("bias", false),
                s.bool("conv_bias", true), s.bool("D_has_hdim", false), s.bool("rmsnorm", true), GATED_NORM_EPS, dt[0], dt[1]);
    }

    private static AttentionConfig readAttention(JsonFields a, int dModel) {
        int heads = a.positiveInt("num_heads");
        int kvHeads = a.positiveInt("num_heads_kv", heads);
        if (heads % kvHeads != 0)
            throw a.field("num_heads_kv", "must divide num_heads (" + heads + ")", a.get("num_heads_kv"));
        if (!a.has("head_dim") && dModel % heads != 0)
            throw a.field("num_heads", "must divide d_model (" + dModel + ") when head_dim is not given", a.get("num_heads"));
        int headDim = a.positiveInt("head_dim", dModel / heads);
        int rotary = a.nonNegativeInt("rotary_emb_dim", 0);
        if (rotary > headDim || rotary % 2 != 0)
            throw a.field("rotary_emb_dim", "must be even and at most head_dim (" + headDim + ")", a.get("rotary_emb_dim"));
        int mlpDim = a.nonNegativeInt("mlp_dim", 0);
        if (mlpDim > Integer.MAX_VALUE / 4) throw a.field("mlp_dim", "is too large", a.get("mlp_dim"));
        return new AttentionConfig(heads, kvHeads, headDim, rotary, a.positiveDouble("rotary_emb_base", 10000.0),
                a.bool("rotary_emb_interleaved", false), a.bool("qkv_proj_bias", true), a.bool("out_proj_bias", true),
                a.bool("causal", false), a.optionalPositiveDouble("softmax_scale"), a.nonNegativeInt("d_conv", 0),
                (mlpDim + 255) / 256 * 256);
    }
}
