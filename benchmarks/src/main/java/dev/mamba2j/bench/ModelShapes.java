package dev.mamba2j.bench;

import dev.mamba2j.model.config.ModelConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The state-spaces Mamba-2 family's shapes (their published config.json: d_state 128, headdim 64,
 * expand 2, one group, chunk 256, vocabulary 50,277 padded to 50,288, tied embeddings), for
 * throughput runs with random weights; and {@code hybrid-2.7b}, the 2.7B shape with four of its 64 layers
 * attention (32 query heads over 8 key/value heads of 80 channels, rotary on half of each head).
 */
final class ModelShapes {
    private ModelShapes() {}

    static ModelConfig of(String name) {
        return switch (name) {
            case "130m" -> stateSpaces(768, 24);
            case "370m" -> stateSpaces(1024, 48);
            case "780m" -> stateSpaces(1536, 48);
            case "1.3b" -> stateSpaces(2048, 48);
            case "2.7b" -> stateSpaces(2560, 64);
            case "hybrid-2.7b" -> stateSpaces(2560, 64, "[9, 25, 41, 57]",
                    "{\"causal\": true, \"num_heads\": 32, \"num_heads_kv\": 8, \"head_dim\": 80, \"rotary_emb_dim\": 40, "
                            + "\"qkv_proj_bias\": false, \"out_proj_bias\": false}");
            default -> throw new IllegalArgumentException("unknown model shape '" + name + "': use 130m, 370m, 780m, 1.3b, 2.7b or hybrid-2.7b");
        };
    }

    private static ModelConfig stateSpaces(int dModel, int layers) { return stateSpaces(dModel, layers, "[]", "{}"); }

    private static ModelConfig stateSpaces(int dModel, int layers, String attnIdx, String attnCfg) {
        String json = """
                {"d_model": %d, "d_intermediate": 0, "n_layer": %d, "vocab_size": 50277, "ssm_cfg": {"layer": "Mamba2"},
                 "attn_layer_idx": %s, "attn_cfg": %s, "rms_norm": true, "residual_in_fp32": true, "fused_add_norm": true,
                 "pad_vocab_size_multiple": 16, "tie_embeddings": true}""".formatted(dModel, layers, attnIdx, attnCfg);
        try {
            Path dir = Files.createTempDirectory("mamba2-shape");
            Path file = Files.writeString(dir.resolve("config.json"), json);
            try {
                return ModelConfig.read(dir);
            } finally {
                Files.delete(file);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
