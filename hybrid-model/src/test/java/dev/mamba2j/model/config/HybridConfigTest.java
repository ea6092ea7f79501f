package dev.mamba2j.model.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hybrid configs: transformers' Bamba read into the layer list (attention layers, an MLP in every
 * layer, partial rotary from its factor), and bad ones refused with the field named.
 */
class HybridConfigTest {
    static final String BAMBA = """
            "model_type": "bamba", "hidden_size": 64, "num_hidden_layers": 4, "vocab_size": 100, "intermediate_size": 96,
            "attn_layer_indices": [1, 3], "num_attention_heads": 4, "num_key_value_heads": 2,
            "mamba_n_heads": 8, "mamba_d_state": 16, "mamba_chunk_size": 8""";

    @TempDir Path dir;

    private ModelConfig read(String json) throws IOException {
        Files.writeString(dir.resolve("config.json"), json);
        return ModelConfig.read(dir);
    }

    /** Bamba's base config with {@code extra} fields added (a later duplicate key would be refused, so the base has none of them). */
    private ModelConfig bamba(String extra) throws IOException { return read("{" + BAMBA + extra + "}"); }

    @Test
    void bambaIsALayerList() throws IOException {
        ModelConfig c = bamba(", \"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 5000.0}, \"mlp_bias\": true");
        assertEquals(ModelConfig.Format.BAMBA, c.format());
        assertEquals(List.of(LayerSpec.Mixer.MAMBA2, LayerSpec.Mixer.ATTENTION, LayerSpec.Mixer.MAMBA2, LayerSpec.Mixer.ATTENTION),
                c.layers().stream().map(LayerSpec::mixer).toList());
        assertTrue(c.layers().stream().allMatch(LayerSpec::hasMlp));
        assertEquals(96, c.mlpHidden());
        assertTrue(c.mlpBias());
        AttentionConfig a = c.attention().orElseThrow();
        assertEquals(4, a.numHeads());
        assertEquals(2, a.numHeadsKv());
        assertEquals(16, a.headDim());
        assertEquals(8, a.rotaryDim()); // BambaConfig's partial rotary factor 0.5
        assertEquals(5000.0, a.rotaryBase());
        assertTrue(a.causal());
        assertFalse(a.qkvBias());
        assertEquals(16, c.ssm().headDim()); // mamba_d_head "auto": 2·64 / 8
        assertEquals(128, c.ssm().intermediate());
        assertEquals(c.ssm().intermediate(), c.gatedNormGroupSize());
        assertFalse(c.tieEmbeddings());
    }

    @Test
    void partialRotaryAndThetaFromEitherPlace() throws IOException {
        assertEquals(16, bamba(", \"partial_rotary_factor\": 1.0").attention().orElseThrow().rotaryDim());
        AttentionConfig a = bamba(", \"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 10.0, \"partial_rotary_factor\": 0.25}")
                .attention().orElseThrow();
        assertEquals(4, a.rotaryDim());
        assertEquals(10.0, a.rotaryBase());
        assertEquals(123.0, bamba(", \"rope_theta\": 123.0").attention().orElseThrow().rotaryBase());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ", \"attn_layer_indices\": [4]            | field \"attn_layer_indices\" must hold layer indices in [0, 4)",
            ", \"num_key_value_heads\": 3             | field \"num_key_value_heads\" must divide num_attention_heads (4)",
            ", \"num_attention_heads\": 6             | field \"num_attention_heads\" must divide hidden_size (64)",
            ", \"partial_rotary_factor\": 1.5         | field \"partial_rotary_factor\" must lie in (0, 1], got 1.5",
            ", \"partial_rotary_factor\": 0           | field \"partial_rotary_factor\" must be a finite number > 0",
            ", \"partial_rotary_factor\": 0.03        | field \"partial_rotary_factor\" times head_dim (16) must give an even, positive number",
            ", \"rope_parameters\": {\"rope_type\": \"yarn\"} | field \"rope_parameters.rope_type\" must be \"default\"",
            ", \"rope_scaling\": {\"factor\": 2.0}    | field \"rope_scaling\" is not supported",
            ", \"mamba_n_heads\": 7                   | field \"mamba_n_heads\" must divide mamba_expand * hidden_size (128)",
            ", \"mamba_d_head\": 32                   | field \"mamba_d_head\" times mamba_n_heads (8) must equal",
            ", \"mamba_n_groups\": 3                  | field \"mamba_n_groups\" must divide mamba_n_heads (8)",
            ", \"hidden_act\": \"gelu\"               | field \"hidden_act\" must be \"silu\"",
            ", \"intermediate_size\": 0               | field \"intermediate_size\" must be a positive integer",
    })
    void badBambaConfigsNameTheField(String extra, String message) throws IOException {
        String base = BAMBA;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(\\w+)\":").matcher(extra);
        while (m.find()) base = base.replaceAll("\"" + m.group(1) + "\": (\\[[^\\]]*\\]|[^,]+),?", "");
        Files.writeString(dir.resolve("config.json"), "{" + base.strip().replaceAll(",$", "") + extra + "}");
        String msg = assertThrows(ConfigException.class, () -> ModelConfig.read(dir)).getMessage();
        assertTrue(msg.startsWith(dir.resolve("config.json").toString()), msg);
        assertTrue(msg.contains(message.strip()), () -> "expected \"" + message.strip() + "\" in: " + msg);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"d_conv\": 4, \"causal\": true    | attn_cfg.d_conv",
            "\"mlp_dim\": 256, \"causal\": true | attn_cfg.mlp_dim",
            "\"causal\": false                  | attn_cfg.causal",
            "\"head_dim\": 12, \"causal\": true | head_dim 12",
    })
    void attentionOptionsWithoutKernelsAreRefusedAtLoad(String option, String message) throws IOException {
        ModelConfig c = read("{\"d_model\": 64, \"n_layer\": 2, \"vocab_size\": 100, \"ssm_cfg\": {\"layer\": \"Mamba2\", \"d_state\": 16, "
                + "\"headdim\": 16}, \"attn_layer_idx\": [1], \"attn_cfg\": {\"num_heads\": 4, " + option.strip() + "}}");
        String msg = assertThrows(IllegalArgumentException.class,
                () -> dev.mamba2j.model.ModelLoader.random(c, dev.mamba2j.model.layers.Precision.FP32, 1)).getMessage();
        assertTrue(msg.contains(message.strip()), msg);
    }

    @Test
    void requiredSizesAreRequired() throws IOException {
        String msg = assertThrows(ConfigException.class, () -> read("{\"model_type\": \"bamba\", \"hidden_size\": 64, \"vocab_size\": 10}")).getMessage();
        assertTrue(msg.contains("required field \"num_hidden_layers\" is missing"), msg);
    }
}
