package dev.mamba2j.model.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.mamba2j.model.config.LayerSpec.Mixer.ATTENTION;
import static dev.mamba2j.model.config.LayerSpec.Mixer.MAMBA2;
import static dev.mamba2j.model.config.LayerSpec.Mixer.MLP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * transformers' NemotronHConfig read into the layer list, from the block-type list or the older pattern string,
 * with the older field spellings; bad ones refused with the field named.
 */
class NemotronHConfigTest {
    static final String BASE = """
            "model_type": "nemotron_h", "hidden_size": 64, "vocab_size": 100, "intermediate_size": 96,
            "num_attention_heads": 4, "head_dim": 16, "mamba_num_heads": 8, "mamba_head_dim": 16, "ssm_state_size": 16""";

    @TempDir Path dir;

    private ModelConfig read(String extra) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{" + BASE + extra + "}");
        return ModelConfig.read(dir);
    }

    @Test
    void aBlockListAsTransformersSavesIt() throws IOException {
        ModelConfig c = read(", \"layers_block_type\": [\"linear_attention\", \"mlp\", \"full_attention\", \"mlp\"], \"num_key_value_heads\": 2,"
                + " \"n_groups\": 2, \"time_step_limit\": [0.0, {\"__float__\": \"Infinity\"}], \"mlp_bias\": true");
        assertEquals(ModelConfig.Format.NEMOTRON_H, c.format());
        assertEquals(List.of(MAMBA2, MLP, ATTENTION, MLP), c.layers().stream().map(LayerSpec::mixer).toList());
        assertTrue(c.layers().stream().noneMatch(LayerSpec::hasMlp));
        assertEquals(MlpKind.RELU2, c.mlpKind());
        assertEquals(96, c.mlpHidden());
        assertTrue(c.mlpBias());
        assertEquals(128, c.ssm().intermediate()); // heads · head dim, whatever expand says
        assertEquals(64, c.gatedNormGroupSize()); // the gated norm works per group
        assertEquals(Double.POSITIVE_INFINITY, c.ssm().dtMax());
        AttentionConfig a = c.attention().orElseThrow();
        assertEquals(2, a.numHeadsKv());
        assertEquals(0, a.rotaryDim()); // no positional embedding in the attention blocks
        assertFalse(a.qkvBias());
        assertFalse(c.tieEmbeddings());
    }

    @Test
    void thePatternStringAndOlderSpellings() throws IOException {
        ModelConfig c = read(", \"hybrid_override_pattern\": \"M-M*-\", \"num_hidden_layers\": 5, \"mamba_n_groups\": 4, \"n_groups\": 1,"
                + " \"mamba_chunk_size\": 32, \"mamba_d_conv\": 3");
        assertEquals(List.of(MAMBA2, MLP, MAMBA2, ATTENTION, MLP), c.layers().stream().map(LayerSpec::mixer).toList());
        assertEquals(4, c.ssm().nGroups()); // the older spelling wins, as NemotronHConfig reads it
        assertEquals(32, c.ssm().chunkSize());
        assertEquals(3, c.ssm().convKernel());
        assertEquals(4, c.attention().orElseThrow().numHeadsKv()); // absent: one kv head per head
        assertEquals(List.of(MAMBA2, ATTENTION), read(", \"layers_block_type\": [\"mamba\", \"attention\"]").layers().stream()
                .map(LayerSpec::mixer).toList());
    }

    @Test
    void aModelWithoutMlpOrAttentionBlocksHasNone() throws IOException {
        ModelConfig c = read(", \"hybrid_override_pattern\": \"MM\"");
        assertEquals(0, c.mlpHidden());
        assertTrue(c.attention().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ", \"hybrid_override_pattern\": \"M-E*\"             | field \"hybrid_override_pattern\" has a mixture-of-experts block ('E' at 2)",
            ", \"hybrid_override_pattern\": \"M-x\"              | field \"hybrid_override_pattern\" has 'x' at 2",
            ", \"hybrid_override_pattern\": \"\"                 | field \"hybrid_override_pattern\" must name at least one block",
            ", \"layers_block_type\": [\"mlp\", \"moe\"]          | field \"layers_block_type\" names a mixture-of-experts block (\"moe\", block 1)",
            ", \"layers_block_type\": [\"mlp\", \"conv\"]         | field \"layers_block_type\" block 1 is \"conv\"",
            ", \"layers_block_type\": []                         | field \"layers_block_type\" must be a non-empty list",
            ", \"hybrid_override_pattern\": \"M-\", \"num_hidden_layers\": 3 | field \"num_hidden_layers\" disagrees with the 2 blocks",
            ", \"hybrid_override_pattern\": \"M-\", \"mlp_hidden_act\": \"silu\" | field \"mlp_hidden_act\" must be \"relu2\"",
            ", \"hybrid_override_pattern\": \"M*\", \"num_key_value_heads\": 3 | field \"num_key_value_heads\" must divide num_attention_heads (4)",
            ", \"hybrid_override_pattern\": \"M*\", \"sliding_window\": 512 | field \"sliding_window\" is not supported",
            ", \"hybrid_override_pattern\": \"M\", \"n_groups\": 3 | field \"n_groups\" must divide mamba_num_heads (8)",
            "                                                    | required field \"hybrid_override_pattern\" is missing",
    })
    void badConfigsNameTheField(String extra, String message) {
        String msg = assertThrows(ConfigException.class, () -> read(extra == null ? "" : extra)).getMessage();
        assertTrue(msg.startsWith(dir.resolve("config.json").toString()), msg);
        assertTrue(msg.contains(message.strip()), () -> "expected \"" + message.strip() + "\" in: " + msg);
    }
}
