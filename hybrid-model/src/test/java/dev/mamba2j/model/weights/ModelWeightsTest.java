package dev.mamba2j.model.weights;

import dev.mamba2j.model.config.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.mamba2j.model.weights.SafeTensorsTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Canonical names, expected shapes, and the up-front check of a checkpoint against its config. */
class ModelWeightsTest {
    @TempDir Path dir;

    /** hidden 8, 2 layers, vocab 10, 2 heads of 8, 1 group, state 4: intermediate 16, conv 24, in_proj 42. */
    static final String HF_CONFIG = """
            {"model_type": "mamba2", "hidden_size": 8, "num_hidden_layers": 2, "vocab_size": 10, "num_heads": 2,
             "head_dim": 8, "n_groups": 1, "state_size": 4, "expand": 2, "conv_kernel": 4, "tie_word_embeddings": true}""";

    /** The tensors of HF_CONFIG's model, as transformers' Mamba2ForCausalLM names them. */
    static final Map<String, long[]> HF_TENSORS = hfTensors();

    private static Map<String, long[]> hfTensors() {
        Map<String, long[]> m = new java.util.LinkedHashMap<>();
        m.put("backbone.embeddings.weight", new long[] {10, 8});
        for (int i = 0; i < 2; i++) {
            String p = "backbone.layers." + i + ".";
            m.put(p + "norm.weight", new long[] {8});
            m.put(p + "mixer.in_proj.weight", new long[] {42, 8});
            m.put(p + "mixer.conv1d.weight", new long[] {24, 1, 4});
            m.put(p + "mixer.conv1d.bias", new long[] {24});
            m.put(p + "mixer.dt_bias", new long[] {2});
            m.put(p + "mixer.A_log", new long[] {2});
            m.put(p + "mixer.D", new long[] {2});
            m.put(p + "mixer.norm.weight", new long[] {16});
            m.put(p + "mixer.out_proj.weight", new long[] {8, 16});
        }
        m.put("backbone.norm_f.weight", new long[] {8});
        return m;
    }

    private ModelConfig config(String json) throws IOException {
        Files.writeString(dir.resolve("config.json"), json);
        return ModelConfig.read(dir);
    }

    /** Writes model.safetensors with {@code tensors} (fp32 ramps), after {@code edit}. */
    private void write(Map<String, long[]> tensors, UnaryOperator<SafeTensorsWriter> edit) throws IOException {
        SafeTensorsWriter w = new SafeTensorsWriter();
        tensors.forEach((name, shape) -> {
            float[] v = new float[(int) Tensor.numel(shape)];
            for (int i = 0; i < v.length; i++) v[i] = i;
            w.f32(name, shape, v);
        });
        edit.apply(w).write(dir.resolve("model.safetensors"));
    }

    @Test
    void namesMapBetweenSchemes() {
        assertEquals("backbone.embeddings.weight", TensorNames.inFile(TensorNames.Scheme.HUGGING_FACE, TensorNames.EMBEDDING));
        assertEquals("backbone.embedding.weight", TensorNames.inFile(TensorNames.Scheme.STATE_SPACES, TensorNames.EMBEDDING));
        for (TensorNames.Scheme s : new TensorNames.Scheme[] {TensorNames.Scheme.HUGGING_FACE, TensorNames.Scheme.STATE_SPACES}) {
            assertEquals("backbone.layers.3.mixer.A_log", TensorNames.inFile(s, TensorNames.layer(3, "mixer.A_log")));
            assertEquals("backbone.norm_f.weight", TensorNames.inFile(s, TensorNames.FINAL_NORM));
            assertEquals("lm_head.weight", TensorNames.inFile(s, TensorNames.LM_HEAD));
        }
        assertEquals("embedding.weight", TensorNames.canonical("backbone.embeddings.weight").orElseThrow());
        assertEquals("embedding.weight", TensorNames.canonical("backbone.embedding.weight").orElseThrow());
        assertEquals("layers.0.mixer.norm.weight", TensorNames.canonical("backbone.layers.0.mixer.norm.weight").orElseThrow());
        assertEquals("lm_head.weight", TensorNames.canonical("lm_head.weight").orElseThrow());
        assertTrue(TensorNames.canonical("model.something").isEmpty());
    }

    @Test
    void expectedTensorsOfAHuggingFaceConfig() throws IOException {
        List<TensorSpec> specs = ExpectedTensors.of(config(HF_CONFIG));
        List<String> names = specs.stream().filter(TensorSpec::required)
                .map(s -> TensorNames.inFile(TensorNames.Scheme.HUGGING_FACE, s.name())).toList();
        assertEquals(List.copyOf(HF_TENSORS.keySet()), names);
        for (TensorSpec s : specs)
            if (s.required()) assertArrayEquals(HF_TENSORS.get(TensorNames.inFile(TensorNames.Scheme.HUGGING_FACE, s.name())), s.shape(), s.name());
        TensorSpec head = specs.getLast();
        assertEquals(new TensorSpec("lm_head.weight", new long[] {10, 8}, false), head);
    }

    @Test
    void expectedTensorsFollowTheStateSpacesOptions() throws IOException {
        ModelConfig c = config("""
                {"d_model": 8, "n_layer": 2, "vocab_size": 10, "d_intermediate": 20, "rms_norm": false, "tie_embeddings": false,
                 "ssm_cfg": {"layer": "Mamba2", "d_state": 4, "headdim": 4, "ngroups": 2, "bias": true, "conv_bias": false,
                             "D_has_hdim": true, "rmsnorm": false},
                 "attn_layer_idx": [1], "attn_cfg": {"num_heads": 2, "num_heads_kv": 1, "d_conv": 3, "mlp_dim": 8}}""");
        Map<String, String> got = new java.util.LinkedHashMap<>();
        for (TensorSpec s : ExpectedTensors.of(c)) got.put(s.name(), s.shapeString() + (s.required() ? "" : "?"));
        assertEquals("[16, 8]", got.get("embedding.weight")); // 10 padded to 8's multiple
        assertEquals("[8]", got.get("layers.0.norm.bias")); // LayerNorm
        assertEquals("[52, 8]", got.get("layers.0.mixer.in_proj.weight")); // 2*16 + 2*2*4 + 4
        assertEquals("[52]", got.get("layers.0.mixer.in_proj.bias"));
        assertEquals("[32, 1, 4]", got.get("layers.0.mixer.conv1d.weight"));
        assertEquals(null, got.get("layers.0.mixer.conv1d.bias"));
        assertEquals("[16]", got.get("layers.0.mixer.D")); // per channel, flat
        assertEquals(null, got.get("layers.0.mixer.norm.weight")); // no gated norm
        assertEquals("[8]", got.get("layers.0.mixer.out_proj.bias"));
        assertEquals("[256, 8]", got.get("layers.0.mlp.fc1.weight")); // 20 rounded to 128, twice
        assertEquals("[8, 128]", got.get("layers.0.mlp.fc2.weight"));
        assertEquals("[8]", got.get("layers.0.norm2.weight"));
        // attention: head_dim 4, qkv 4 * (2 + 2) = 16, mlp_dim 8 rounded to 256
        assertEquals("[272, 8]", got.get("layers.1.mixer.in_proj.weight"));
        assertEquals("[272]", got.get("layers.1.mixer.in_proj.bias"));
        assertEquals("[16, 1, 3]", got.get("layers.1.mixer.conv1d.weight"));
        assertEquals("[8, 136]", got.get("layers.1.mixer.out_proj.weight"));
        assertEquals("[8]", got.get("norm_f.bias"));
        assertEquals("[16, 8]", got.get("lm_head.weight")); // required: not tied
    }

    @Test
    void aMatchingHuggingFaceCheckpointOpensAndTiesItsHead() throws IOException {
        ModelConfig c = config(HF_CONFIG);
        write(HF_TENSORS, w -> w);
        try (ModelWeights m = ModelWeights.open(dir, c)) {
            assertEquals(TensorNames.Scheme.HUGGING_FACE, m.scheme());
            assertArrayEquals(new long[] {42, 8}, m.get(TensorNames.layer(1, "mixer.in_proj.weight")).shape());
            assertEquals("backbone.embeddings.weight", m.lmHead().name());
            assertEquals(List.of(), m.unused());
            assertContains(assertThrows(WeightException.class, () -> m.get(TensorNames.layer(2, "norm.weight"))).getMessage(),
                    "model.safetensors: missing tensor backbone.layers.2.norm.weight");
        }
    }

    @Test
    void everyMismatchIsListedWithFileAndTensor() throws IOException {
        ModelConfig c = config(HF_CONFIG);
        Map<String, long[]> t = new java.util.LinkedHashMap<>(HF_TENSORS);
        t.put("backbone.layers.1.mixer.in_proj.weight", new long[] {10, 8});
        t.remove("backbone.layers.0.mixer.D");
        t.remove("backbone.norm_f.weight");
        write(t, w -> w.add("backbone.norm_f.weight", "I64", new long[] {8}, new byte[64]).f32("extra", new long[] {1}, 0f));
        String msg = assertThrows(WeightException.class, () -> ModelWeights.open(dir, c)).getMessage();
        Path f = dir.resolve("model.safetensors");
        assertEquals(f + ": missing tensor backbone.layers.0.mixer.D\n"
                + f + ": tensor backbone.layers.1.mixer.in_proj.weight has shape [10, 8], expected [42, 8]\n"
                + f + ": tensor backbone.norm_f.weight has dtype I64, expected one of F32, BF16, F16", msg);
    }

    @Test
    void anUntiedModelNeedsItsHead() throws IOException {
        ModelConfig c = config(HF_CONFIG.replace("\"tie_word_embeddings\": true", "\"tie_word_embeddings\": false"));
        write(HF_TENSORS, w -> w);
        assertContains(assertThrows(WeightException.class, () -> ModelWeights.open(dir, c)).getMessage(),
                "model.safetensors: missing tensor lm_head.weight");
    }

    @Test
    void aCheckpointWithoutEitherEmbeddingIsNamed() throws IOException {
        ModelConfig c = config(HF_CONFIG);
        Map<String, long[]> t = new java.util.LinkedHashMap<>(HF_TENSORS);
        t.remove("backbone.embeddings.weight");
        write(t, w -> w);
        assertContains(assertThrows(WeightException.class, () -> ModelWeights.open(dir, c)).getMessage(),
                "missing tensor backbone.embeddings.weight (Hugging Face), backbone.embedding.weight (state-spaces)");
    }

    @Test
    void aStateSpacesTorchCheckpointOpensWithItsConfig() {
        Path tiny = TorchCheckpointTest.fixture("tiny-state-spaces/config.json").getParent();
        ModelConfig c = ModelConfig.read(tiny);
        assertEquals(ModelConfig.Format.STATE_SPACES, c.format());
        try (ModelWeights m = ModelWeights.open(tiny, c)) {
            assertEquals(TensorNames.Scheme.STATE_SPACES, m.scheme());
            assertArrayEquals(new long[] {16, 8}, m.get(TensorNames.EMBEDDING).shape());
            assertArrayEquals(new long[] {52, 8}, m.get(TensorNames.layer(0, "mixer.in_proj.weight")).shape());
            assertArrayEquals(new long[] {32, 1, 4}, m.get(TensorNames.layer(1, "mixer.conv1d.weight")).shape());
            // lm_head.weight is saved, sharing the embedding's storage
            assertEquals("lm_head.weight", m.lmHead().name());
            assertArrayEquals(m.get(TensorNames.EMBEDDING).toFloats(), m.lmHead().toFloats());
            assertEquals(1f / 64 - 1f, m.get(TensorNames.EMBEDDING).toFloats()[1]);
            assertEquals(List.of(), m.unused());
        }
    }

    /** transformers' own save of a tiny NemotronHForCausalLM (the golden fixture): every tensor found, none left over. */
    @Test
    void aNemotronHCheckpointOpensByLayerKind() throws IOException {
        Path golden = Path.of("src/test/resources/golden/nemotron-h-tiny");
        ModelConfig c = ModelConfig.read(golden);
        try (ModelWeights m = ModelWeights.open(golden, c)) {
            assertEquals(TensorNames.Scheme.NEMOTRON_H, m.scheme());
            assertArrayEquals(new long[] {328, 64}, m.get(TensorNames.layer(0, "mixer.in_proj.weight")).shape());
            assertArrayEquals(new long[] {96, 64}, m.get(TensorNames.layer(1, "mlp.fc1.weight")).shape()); // up_proj, no gate
            assertArrayEquals(new long[] {96, 64}, m.get(TensorNames.layer(3, "mixer.in_proj.weight")).shape()); // q 64, k 16, v 16
            assertArrayEquals(new long[] {64, 64}, m.get(TensorNames.layer(3, "mixer.out_proj.weight")).shape());
            assertEquals("lm_head.weight", m.lmHead().name());
            assertEquals(List.of(), m.unused());
        }
        Map<String, long[]> lacking = new java.util.TreeMap<>();
        try (WeightFiles f = WeightFiles.open(golden)) {
            for (String n : f.names()) lacking.put(n, f.get(n).shape());
        }
        lacking.remove("backbone.layers.1.mixer.up_proj.weight");
        lacking.remove("backbone.layers.3.mixer.k_proj.weight");
        write(lacking, w -> w);
        assertEquals(dir.resolve("model.safetensors") + ": missing tensor backbone.layers.1.mixer.up_proj.weight\n"
                + dir.resolve("model.safetensors") + ": missing tensor backbone.layers.3.mixer.k_proj.weight",
                assertThrows(WeightException.class, () -> ModelWeights.open(dir, c)).getMessage());
    }
}
