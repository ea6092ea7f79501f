package dev.mamba2j.model.weights;

import dev.mamba2j.model.config.AttentionConfig;
import dev.mamba2j.model.config.LayerSpec;
import dev.mamba2j.model.config.ModelConfig;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * transformers' {@code NemotronHForCausalLM} names for the canonical tensors ({@link TensorNames}), as its
 * {@code save_pretrained} writes them and the published checkpoints hold them: under {@code backbone.}, each
 * block's norm {@code layers.i.norm} and its one mixer {@code layers.i.mixer}. A Mamba-2 block's tensors are
 * named as the canonical ones; an attention block's packed {@code mixer.in_proj} is {@code mixer.q_proj},
 * {@code k_proj}, {@code v_proj} and its {@code mixer.out_proj} is {@code mixer.o_proj}; an MLP block's
 * {@code mlp.fc1} and {@code mlp.fc2} are {@code mixer.up_proj} and {@code mixer.down_proj}.
 */
public final class NemotronHNames {
    private static final String BACKBONE = "backbone.";
    private static final Pattern LAYER = Pattern.compile("layers\\.(\\d+)\\.(.+)");

    private NemotronHNames() {}

    /** The checkpoint tensors that make up canonical tensor {@code spec}, in order; one for all but attention's in_proj. */
    public static List<TensorSpec> parts(ModelConfig c, TensorSpec spec) {
        String name = spec.name();
        if (name.equals(TensorNames.EMBEDDING)) return BambaNames.one(BACKBONE + "embeddings.weight", spec);
        if (name.equals(TensorNames.LM_HEAD)) return BambaNames.one(TensorNames.LM_HEAD, spec);
        Matcher m = LAYER.matcher(name);
        if (!m.matches()) return BambaNames.one(BACKBONE + name, spec);
        int i = Integer.parseInt(m.group(1));
        String rest = m.group(2), p = BACKBONE + "layers." + i + ".";
        LayerSpec.Mixer kind = c.layers().get(i).mixer();
        if (kind == LayerSpec.Mixer.MLP && rest.startsWith("mlp.fc1.")) return BambaNames.one(p + "mixer.up_proj." + rest.substring(8), spec);
        if (kind == LayerSpec.Mixer.MLP && rest.startsWith("mlp.fc2.")) return BambaNames.one(p + "mixer.down_proj." + rest.substring(8), spec);
        if (kind == LayerSpec.Mixer.ATTENTION && rest.startsWith("mixer.in_proj.")) {
            AttentionConfig a = c.attention().orElseThrow();
            return BambaNames.qkv(a, p + "mixer.", rest.substring("mixer.in_proj.".length()), spec);
        }
        if (kind == LayerSpec.Mixer.ATTENTION && rest.startsWith("mixer.out_proj.")) return BambaNames.one(p + "mixer.o_proj." + rest.substring(15), spec);
        return BambaNames.one(p + rest, spec);
    }
}
