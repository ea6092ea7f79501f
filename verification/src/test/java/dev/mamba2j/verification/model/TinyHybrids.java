package dev.mamba2j.verification.model;

import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.weights.ModelWeights;
import dev.mamba2j.model.weights.ExpectedTensors;
import dev.mamba2j.model.weights.TensorNames;
import dev.mamba2j.model.weights.TensorSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tiny hybrid models with random weights, written as model folders (config.json + model.safetensors, F32)
 * in each family's layout: a state-spaces MambaLMHeadModel with an attention layer and gated MLPs, a
 * transformers BambaForCausalLM and a NemotronHForCausalLM. Weights are of a scale at which every layer changes the logits.
 */
final class TinyHybrids {
    /** Three layers, the middle one attention (4 heads over 2 kv heads of 16, rotary on 8 channels), MLPs of 128. */
    static final String STATE_SPACES = """
            {"d_model": 64, "d_intermediate": 96, "n_layer": 3, "vocab_size": 100,
             "ssm_cfg": {"layer": "Mamba2", "d_state": 16, "d_conv": 4, "expand": 2, "headdim": 16, "ngroups": 1, "chunk_size": 8},
             "attn_layer_idx": [1],
             "attn_cfg": {"causal": true, "num_heads": 4, "num_heads_kv": 2, "head_dim": 16, "rotary_emb_dim": 8,
                          "qkv_proj_bias": true, "out_proj_bias": true},
             "rms_norm": true, "residual_in_fp32": true, "fused_add_norm": true, "pad_vocab_size_multiple": 8, "tie_embeddings": true}""";

    /** Four layers, 1 and 3 attention (4 heads over 1 kv head of 16, half rotary), biases on attention and MLP. */
    static final String BAMBA = """
            {"model_type": "bamba", "hidden_size": 64, "num_hidden_layers": 4, "vocab_size": 100, "intermediate_size": 96,
             "attn_layer_indices": [1, 3], "num_attention_heads": 4, "num_key_value_heads": 1, "partial_rotary_factor": 0.5,
             "rope_theta": 10000.0, "attention_bias": true, "mlp_bias": true, "rms_norm_eps": 1e-5,
             "mamba_n_heads": 8, "mamba_d_head": "auto", "mamba_n_groups": 1, "mamba_d_state": 16, "mamba_d_conv": 4,
             "mamba_expand": 2, "mamba_chunk_size": 8, "mamba_conv_bias": true, "mamba_proj_bias": false,
             "tie_word_embeddings": false, "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0}""";

    /**
     * Five blocks, Mamba-2, MLP, attention (4 heads over 2 kv heads of 16, no rotary), Mamba-2, MLP; two SSM groups (the
     * gated norm per group), biases on the Mamba-2 projections and the squared-ReLU MLPs.
     */
    static final String NEMOTRON_H = """
            {"model_type": "nemotron_h", "hidden_size": 64, "vocab_size": 100, "hybrid_override_pattern": "M-*M-",
             "intermediate_size": 96, "mlp_hidden_act": "relu2", "mlp_bias": true, "use_bias": true,
             "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16, "attention_bias": false,
             "mamba_num_heads": 8, "mamba_head_dim": 16, "n_groups": 2, "ssm_state_size": 16, "conv_kernel": 4,
             "chunk_size": 8, "use_conv_bias": true, "layer_norm_epsilon": 1e-5, "tie_word_embeddings": false,
             "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0}""";

    private TinyHybrids() {}

    /** Writes {@code json} and random weights of its shape into {@code dir}; returns dir. */
    static Path write(Path dir, String json, long seed) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), json);
            ModelConfig c = ModelConfig.read(dir);
            SplittableRandom rnd = new SplittableRandom(seed);
            List<TensorSpec> tensors = new ArrayList<>();
            for (TensorSpec s : ExpectedTensors.of(c)) {
                if (!s.required()) continue; // a tied LM head
                tensors.addAll(ModelWeights.fileSpecs(c, scheme(c.format()), s));
            }
            StringBuilder header = new StringBuilder("{");
            List<float[]> data = new ArrayList<>();
            long offset = 0;
            for (TensorSpec t : tensors) {
                float[] v = values(t, rnd);
                data.add(v);
                if (header.length() > 1) header.append(',');
                header.append('"').append(t.name()).append("\":{\"dtype\":\"F32\",\"shape\":").append(java.util.Arrays.toString(t.shape()).replace(" ", ""))
                        .append(",\"data_offsets\":[").append(offset).append(',').append(offset + 4L * v.length).append("]}");
                offset += 4L * v.length;
            }
            header.append('}');
            while (header.length() % 8 != 0) header.append(' ');
            byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = Files.newOutputStream(dir.resolve("model.safetensors"))) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
                out.write(h);
                for (float[] v : data) {
                    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                    for (float x : v) b.putFloat(x);
                    out.write(b.array());
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TensorNames.Scheme scheme(ModelConfig.Format format) {
        return switch (format) {
            case BAMBA -> TensorNames.Scheme.BAMBA;
            case NEMOTRON_H -> TensorNames.Scheme.NEMOTRON_H;
            case HUGGING_FACE -> TensorNames.Scheme.HUGGING_FACE;
            case STATE_SPACES -> TensorNames.Scheme.STATE_SPACES;
        };
    }

    private static float[] values(TensorSpec t, SplittableRandom rnd) {
        String n = t.name();
        long[] shape = t.shape();
        int size = 1;
        for (long d : shape) size = Math.multiplyExact(size, (int) d);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            double g = rnd.nextGaussian();
            if (n.endsWith("A_log")) v[i] = (float) Math.log(1 + 15 * rnd.nextDouble());
            else if (n.endsWith("dt_bias")) {
                double dt = Math.exp(Math.log(1e-3) + rnd.nextDouble() * Math.log(100));
                v[i] = (float) (dt + Math.log(-Math.expm1(-dt)));
            } else if (n.endsWith(".D")) v[i] = (float) (0.5 + rnd.nextDouble());
            else if (n.contains("norm") || n.contains("layernorm")) v[i] = (float) (1 + 0.1 * g);
            else if (n.contains("embed")) v[i] = (float) g;
            else if (shape.length >= 2) v[i] = (float) (g / Math.sqrt(shape[1] * (shape.length == 3 ? shape[2] : 1)));
            else v[i] = (float) (0.1 * g);
        }
        return v;
    }
}
