package dev.mamba2j.model.weights;

import dev.mamba2j.model.config.AttentionConfig;
import dev.mamba2j.model.config.LayerSpec;
import dev.mamba2j.model.config.ModelConfig;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * transformers' {@code BambaForCausalLM} names for the canonical tensors ({@link TensorNames}), which
 * follow mamba_ssm's hybrid layout. Most map one to one ({@code layers.3.mixer.D} is
 * {@code model.layers.3.mamba.D}, {@code layers.3.norm2.weight} is {@code model.layers.3.pre_ff_layernorm.weight});
 * two are stored in parts, stacked along the first dimension when loaded:
 * <ul>
 *   <li>an attention layer's {@code mixer.in_proj} (q, k and v packed as mamba_ssm's MHA packs them) is
 *       {@code self_attn.q_proj}, {@code k_proj}, {@code v_proj};</li>
 *   <li>a gated MLP's {@code mlp.fc1} ([y, gate] as mamba_ssm's GatedMLP packs them, y·silu(gate)) is
 *       {@code feed_forward.up_proj} then {@code gate_proj} (transformers computes down(silu(gate)·up)).</li>
 * </ul>
 */
public final class BambaNames {
    /** Bamba's embedding, which also tells its checkpoints apart. */
    public static final String EMBEDDING = "model.embed_tokens.weight";

    private static final Pattern LAYER = Pattern.compile("layers\\.(\\d+)\\.(.+)");

    private BambaNames() {}

    /**
     * The checkpoint tensors that make up canonical tensor {@code spec}, in order, with their shapes; one
     * for most tensors.
     */
    public static List<TensorSpec> parts(ModelConfig c, TensorSpec spec) {
        String name = spec.name();
        long[] shape = spec.shape();
        if (name.equals(TensorNames.EMBEDDING)) return one(EMBEDDING, spec);
        if (name.equals(TensorNames.FINAL_NORM)) return one("model.final_layernorm.weight", spec);
        if (name.equals(TensorNames.LM_HEAD)) return one(TensorNames.LM_HEAD, spec);
        Matcher m = LAYER.matcher(name);
        if (!m.matches()) throw new IllegalArgumentException("not a Bamba model tensor: " + name);
        int i = Integer.parseInt(m.group(1));
        String rest = m.group(2), p = "model.layers." + i + ".";
        boolean attention = c.layers().get(i).mixer() == LayerSpec.Mixer.ATTENTION;
        switch (rest) {
            case "norm.weight": return one(p + "input_layernorm.weight", spec);
            case "norm2.weight": return one(p + "pre_ff_layernorm.weight", spec);
            case "mlp.fc1.weight", "mlp.fc1.bias": {
                String kind = rest.substring("mlp.fc1.".length());
                long[] half = shape.clone();
                half[0] /= 2;
                return List.of(new TensorSpec(p + "feed_forward.up_proj." + kind, half, spec.required()),
                        new TensorSpec(p + "feed_forward.gate_proj." + kind, half, spec.required()));
            }
            case "mlp.fc2.weight": return one(p + "feed_forward.down_proj.weight", spec);
            case "mlp.fc2.bias": return one(p + "feed_forward.down_proj.bias", spec);
            default: break;
        }
        if (!rest.startsWith("mixer.")) throw new IllegalArgumentException("not a Bamba model tensor: " + name);
        String mixer = rest.substring("mixer.".length());
        if (!attention) return one(p + "mamba." + mixer, spec);
        AttentionConfig a = c.attention().orElseThrow();
        String a0 = p + "self_attn.";
        switch (mixer) {
            case "in_proj.weight", "in_proj.bias": return qkv(a, a0, mixer.substring("in_proj.".length()), spec);
            case "out_proj.weight": return one(a0 + "o_proj.weight", spec);
            case "out_proj.bias": return one(a0 + "o_proj.bias", spec);
            default: throw new IllegalArgumentException("not a Bamba attention tensor: " + name);
        }
    }

    /** The packed q/k/v projection's {@code kind} ("weight" or "bias") as {@code q_proj}, {@code k_proj}, {@code v_proj} under {@code prefix}. */
    static List<TensorSpec> qkv(AttentionConfig a, String prefix, String kind, TensorSpec spec) {
        long[] q = spec.shape().clone(), kv = spec.shape().clone();
        q[0] = (long) a.numHeads() * a.headDim();
        kv[0] = (long) a.numHeadsKv() * a.headDim();
        return List.of(new TensorSpec(prefix + "q_proj." + kind, q, spec.required()), new TensorSpec(prefix + "k_proj." + kind, kv, spec.required()),
                new TensorSpec(prefix + "v_proj." + kind, kv, spec.required()));
    }

    static List<TensorSpec> one(String name, TensorSpec spec) { return List.of(new TensorSpec(name, spec.shape(), spec.required())); }
}
