package dev.mamba2j.model.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bad config is refused with a message naming the file and the field. */
class ConfigErrorTest {
    static final String HF_BASE = """
            "model_type": "mamba2", "hidden_size": 64, "num_hidden_layers": 2, "vocab_size": 100,
            "num_heads": 4, "head_dim": 32, "n_groups": 2, "state_size": 16""";
    static final String HF = "{" + HF_BASE + " %s}";
    static final String SS = """
            {"d_model": 64, "n_layer": 2, "vocab_size": 100, "ssm_cfg": {"layer": "Mamba2" %s} %s}""";

    /** The HF base config with {@code extra} (", key: value") replacing or adding fields. */
    private static String hf(String extra) {
        String base = HF_BASE;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(\\w+)\":").matcher(extra);
        while (m.find()) base = base.replaceAll("\"" + m.group(1) + "\": [^,]+,?", "");
        return "{" + base.strip().replaceAll(",$", "") + " " + extra + "}";
    }

    @TempDir Path dir;

    private ModelConfig read(String json) throws IOException {
        Files.writeString(dir.resolve("config.json"), json);
        return ModelConfig.read(dir);
    }

    private String error(String json) throws IOException {
        Files.writeString(dir.resolve("config.json"), json);
        String msg = assertThrows(ConfigException.class, () -> ModelConfig.read(dir)).getMessage();
        assertTrue(msg.startsWith(dir.resolve("config.json").toString() + ": "), msg);
        return msg;
    }

    private static void assertContains(String msg, String... parts) {
        for (String p : parts) assertTrue(msg.contains(p), "expected \"" + p + "\" in: " + msg);
    }

    @Test
    void minimalConfigsTakeTheirDefaults() throws IOException {
        ModelConfig hf = read(HF.formatted(""));
        assertEquals(4, hf.ssm().convKernel());
        assertEquals(256, hf.ssm().chunkSize());
        assertEquals(2, hf.eosTokenId().orElseThrow()); // transformers' default
        assertEquals(false, hf.tieEmbeddings());
        ModelConfig ss = read(SS.formatted("", ""));
        assertEquals(128, ss.ssm().stateSize());
        assertEquals(1, ss.ssm().nGroups());
        assertEquals(104, ss.paddedVocab()); // default multiple 8
        assertTrue(ss.tieEmbeddings());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ", \"state_size\": \"abc\"                | field \"state_size\" must be a positive integer, got \"abc\"",
            ", \"conv_kernel\": 0                     | field \"conv_kernel\" must be a positive integer, got 0",
            ", \"chunk_size\": 2.5                    | field \"chunk_size\" must be a positive integer, got 2.5",
            ", \"use_bias\": \"no\"                   | field \"use_bias\" must be true or false, got \"no\"",
            ", \"hidden_act\": \"gelu\"               | field \"hidden_act\" must be \"silu\" or \"swish\"",
            ", \"norm_before_gate\": true             | field \"norm_before_gate\" is not supported",
            ", \"layer_norm_epsilon\": -1             | field \"layer_norm_epsilon\" must be a finite number > 0, got -1",
            ", \"time_step_limit\": [0.0]             | field \"time_step_limit\" must be a list of two numbers",
            ", \"time_step_limit\": [0.0, \"NaN\"]    | field \"time_step_limit\" must not contain NaN",
            ", \"time_step_limit\": [0.0, NaN]        | field \"time_step_limit\" must not contain NaN",
            ", \"time_step_limit\": [1.0, 0.5]        | field \"time_step_limit\" must have low <= high",
            ", \"time_step_limit\": [0, {\"x\": 1}]   | field \"time_step_limit\" must be a list of two numbers",
            ", \"eos_token_id\": \"x\"                | field \"eos_token_id\" must be a non-negative integer",
            ", \"rms_norm\": false                    | field \"rms_norm\" must be true",
            ", \"n_groups\": 3                        | num_heads (4) must be a multiple of n_groups (3)",
            ", \"head_dim\": 16                       | num_heads * head_dim must equal expand * hidden_size",
            ", \"expand\": 3                          | num_heads * head_dim must equal expand * hidden_size",
            // found by the file fuzzer: a list of 2^31 - 1 layers was built (out of memory after 20 s)
            ", \"num_hidden_layers\": 2147483647      | field \"num_hidden_layers\" is over the 65536-layer limit, got 2147483647",
    })
    void huggingFaceFieldErrors(String extra, String expected) throws IOException {
        assertContains(error(hf(extra)), expected.strip());
    }

    @Test
    void huggingFaceRangeForms() throws IOException {
        ModelConfig c = read(HF.formatted(", \"time_step_limit\": [{\"__float__\": \"-Infinity\"}, \"inf\"]"));
        assertEquals(Double.NEGATIVE_INFINITY, c.ssm().dtMin());
        assertEquals(Double.POSITIVE_INFINITY, c.ssm().dtMax());
        c = read(HF.formatted(", \"time_step_limit\": [0.001, 100], \"eos_token_id\": [7, 8], \"pad_token_id\": null"));
        assertEquals(0.001, c.ssm().dtMin());
        assertEquals(100.0, c.ssm().dtMax());
        assertEquals(7, c.eosTokenId().orElseThrow());
        assertTrue(c.padTokenId().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hidden_size", "num_hidden_layers", "vocab_size", "num_heads"})
    void huggingFaceRequiredFields(String field) throws IOException {
        String json = HF.formatted("").replaceFirst("\"" + field + "\": \\d+,?", "");
        assertContains(error(json), "required field \"" + field + "\" is missing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "                             | , \"d_model\": \"wide\"           | field \"d_model\" must be a positive integer, got \"wide\"",
            ", \"d_state\": -4            |                                   | field \"ssm_cfg.d_state\" must be a positive integer, got -4",
            ", \"ngroups\": 0             |                                   | field \"ssm_cfg.ngroups\" must be a positive integer, got 0",
            ", \"ngroups\": 3             |                                   | must be a multiple of field \"ssm_cfg.ngroups\" (3)",
            ", \"headdim\": 48            |                                   | field \"ssm_cfg.headdim\" (48) must divide expand * d_model (128)",
            ", \"norm_before_gate\": true |                                   | field \"ssm_cfg.norm_before_gate\" is not supported",
            ", \"d_ssm\": 64              |                                   | field \"ssm_cfg.d_ssm\" must equal expand * d_model (128)",
            ", \"dt_limit\": [0.1, -Infinity] |                               | field \"ssm_cfg.dt_limit\" must have low <= high",
            ", \"rmsnorm\": 1             |                                   | field \"ssm_cfg.rmsnorm\" must be true or false, got 1",
            "                             | , \"d_intermediate\": -1          | field \"d_intermediate\" must be a non-negative integer, got -1",
            "                             | , \"pad_vocab_size_multiple\": 0  | field \"pad_vocab_size_multiple\" must be a positive integer, got 0",
            "                             | , \"attn_layer_idx\": [5]         | field \"attn_layer_idx\" must hold layer indices in [0, 2)",
            "                             | , \"attn_layer_idx\": [1, 1], \"attn_cfg\": {\"num_heads\": 2} | field \"attn_layer_idx\" repeats index 1",
            "                             | , \"attn_layer_idx\": [1]         | required field \"attn_cfg.num_heads\" is missing",
            "                             | , \"attn_layer_idx\": [1], \"attn_cfg\": {\"num_heads\": 3} | field \"attn_cfg.num_heads\" must divide d_model (64)",
            "                             | , \"attn_layer_idx\": [1], \"attn_cfg\": {\"num_heads\": 4, \"num_heads_kv\": 3} | field \"attn_cfg.num_heads_kv\" must divide num_heads (4)",
            "                             | , \"attn_layer_idx\": [1], \"attn_cfg\": {\"num_heads\": 4, \"rotary_emb_dim\": 17} | field \"attn_cfg.rotary_emb_dim\" must be even",
            "                             | , \"attn_cfg\": []                | field \"attn_cfg\" must be an object, got []",
            "                             | , \"tie_embeddings\": \"yes\"     | field \"tie_embeddings\" must be true or false",
            "                             | , \"n_layer\": 2147483647       | field \"n_layer\" is over the 65536-layer limit",
    })
    void stateSpacesFieldErrors(String ssmExtra, String topExtra, String expected) throws IOException {
        String json = SS.formatted(ssmExtra == null ? "" : ssmExtra, topExtra == null ? "" : topExtra);
        // a second "d_model" would be a duplicate key: replace the first instead
        if (topExtra != null && topExtra.contains("\"d_model\"")) json = json.replace("\"d_model\": 64, ", "");
        if (topExtra != null && topExtra.contains("\"n_layer\"")) json = json.replace("\"n_layer\": 2, ", "");
        assertContains(error(json), expected.strip());
    }

    @Test
    void stateSpacesAttentionLayersAreData() throws IOException {
        ModelConfig c = read(SS.formatted("", ", \"attn_layer_idx\": [1], \"attn_cfg\": {\"num_heads\": 4, \"softmax_scale\": 0.125, \"mlp_dim\": 100}"));
        assertEquals(LayerSpec.Mixer.MAMBA2, c.layers().get(0).mixer());
        assertEquals(LayerSpec.Mixer.ATTENTION, c.layers().get(1).mixer());
        AttentionConfig a = c.attention().orElseThrow();
        assertEquals(16, a.headDim());
        assertEquals(0.125, a.softmaxScale().orElseThrow());
        assertEquals(256, a.mlpDim());
        assertTrue(a.qkvBias());
    }

    @Test
    void mamba1IsRefused() throws IOException {
        assertContains(error("{\"d_model\": 64, \"n_layer\": 2, \"vocab_size\": 100, \"ssm_cfg\": {}}"),
                "field \"ssm_cfg.layer\" is missing", "Mamba-1 models are not supported");
        assertContains(error("{\"d_model\": 64, \"n_layer\": 2, \"vocab_size\": 100, \"ssm_cfg\": {\"layer\": \"Mamba1\"}}"),
                "field \"ssm_cfg.layer\"", "Mamba-1", "got \"Mamba1\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jamba", "mamba", "llama"})
    void unknownModelTypesAreRefused(String type) throws IOException {
        assertContains(error("{\"model_type\": \"" + type + "\", \"hidden_size\": 64}"),
                "field \"model_type\" must be \"mamba2\", \"bamba\" or \"nemotron_h\"", "state-spaces configs", "got \"" + type + "\"");
    }

    @Test
    void malformedJsonNamesTheLocation() throws IOException {
        assertContains(error("{\"model_type\": \"mamba2\",\n  \"hidden_size\": 64,,}"), "malformed JSON at line 2, column");
        assertContains(error(""), "empty file");
        assertContains(error("[1, 2]"), "expected a JSON object, got [1,2]");
        assertContains(error("{\"a\": 1, \"a\": 2}"), "malformed JSON", "Duplicate field 'a'");
        assertContains(error("{\"hidden_size\": 64}"), "neither a Hugging Face config");
    }

    @Test
    void missingFileIsAConfigException() {
        String msg = assertThrows(ConfigException.class, () -> ModelConfig.read(dir.resolve("nowhere"))).getMessage();
        assertContains(msg, "config.json: cannot read");
    }
}
