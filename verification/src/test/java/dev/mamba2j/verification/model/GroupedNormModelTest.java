package dev.mamba2j.verification.model;

import dev.mamba2j.model.Mamba2Model;
import dev.mamba2j.model.ModelLoader;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.generate.ModelPlan;
import dev.mamba2j.model.layers.Precision;
import dev.mamba2j.model.layers.Sampler;
import dev.mamba2j.model.weights.ModelWeights;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.verification.RelativeError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two groups the way mamba_ssm runs them (the gated norm per group), where no golden file from
 * transformers can help (it normalises all channels at once): the two-group golden model's weights
 * under a state-spaces config.json, on every device, against the double-precision reference.
 */
class GroupedNormModelTest {
    static final int[] PROMPT = {3, 14, 15, 92, 65, 35, 89, 79, 32, 38, 46, 26, 43, 38, 32, 79, 50, 28, 84, 19};

    @TempDir static Path dir;

    @BeforeAll
    static void stateSpacesCopy() throws IOException {
        Path golden = Mamba2ReferenceTest.golden("mamba2-tiny-s16-g2");
        Files.copy(golden.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("config.json"), """
                {"d_model": 64, "d_intermediate": 0, "n_layer": 2, "vocab_size": 512,
                 "ssm_cfg": {"layer": "Mamba2", "d_state": 16, "d_conv": 4, "expand": 2, "headdim": 16, "ngroups": 2, "chunk_size": 8},
                 "attn_layer_idx": [], "attn_cfg": {}, "rms_norm": true, "residual_in_fp32": true, "fused_add_norm": true,
                 "pad_vocab_size_multiple": 1, "tie_embeddings": true}""");
    }

    static Stream<String> devices() { return ModelDevices.ALL.stream().map(d -> d.id()); }

    @Test
    void theGroupingChangesTheLogits() {
        double[][] grouped = reference(dir), whole = reference(Mamba2ReferenceTest.golden("mamba2-tiny-s16-g2"));
        double diff = 0;
        for (int t = 0; t < grouped.length; t++) for (int v = 0; v < grouped[t].length; v++) diff = Math.max(diff, Math.abs(grouped[t][v] - whole[t][v]));
        assertTrue(diff > 1e-2, "per-group and whole-width gated norms should give other logits, max difference " + diff);
    }

    @ParameterizedTest
    @MethodSource("devices")
    void matchesTheReference(String device) {
        double[][] ref = reference(dir);
        Mamba2Model m = ModelLoader.load(dir, Precision.FP32);
        try (ModelPlan plan = new ModelPlan(m, Devices.get(device), new int[] {PROMPT.length}, Sampler.GREEDY, true)) {
            plan.prefill(new int[][] {PROMPT});
            double rel = RelativeError.of(plan.prefillLogits(), Mamba2ReferenceTest.flat(ref));
            assertTrue(rel < 1e-5, device + ": relative error " + rel + " against the double reference");
        }
    }

    private static double[][] reference(Path model) {
        ModelConfig config = ModelConfig.read(model);
        try (ModelWeights w = ModelWeights.open(model, config)) {
            return new Mamba2Reference(config, w).logits(PROMPT);
        }
    }
}
