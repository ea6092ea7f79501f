package dev.mamba2j.verification.model;

import dev.mamba2j.model.Mamba2Model;
import dev.mamba2j.model.ModelLoader;
import dev.mamba2j.model.generate.ModelPlan;
import dev.mamba2j.model.layers.Precision;
import dev.mamba2j.model.layers.Sampler;
import dev.mamba2j.model.weights.SafeTensors;
import dev.mamba2j.model.weights.WeightFiles;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.verification.RelativeError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device model against Hugging Face transformers (golden files of hybrid-model/scripts/make_golden_models.py)
 * on every device: the prompt's logits, the greedy continuation token for token, and every decoding
 * step's logits against transformers' one forward over prompt + continuation (so prefill then steps
 * equals one forward); the three prompts run as one batch of different lengths. fp32 within 1e-4 relative (‖out − ref‖ / ‖ref‖ per row block); bf16 weights
 * within 2e-2 of the same fp32 logits, the tokens not compared (bf16 rounding may flip a near tie).
 */
class GoldenModelTest {
    static final List<String> MAMBA2 = List.of("mamba2-tiny-s16-tied", "mamba2-tiny-s64-untied", "mamba2-tiny-s16-g2",
            "mamba2-tiny-s16-tied-ss");
    /** Hybrid fixtures (hybrid-model/scripts/make_golden_hybrid.py and make_golden_nemotron_h.py). */
    static final List<String> HYBRID = List.of("bamba-tiny", "bamba-tiny-ss", "bamba-tiny-bias-tied", "nemotron-h-tiny", "nemotron-h-tiny-bias");
    static final List<String> MODELS = Stream.concat(MAMBA2.stream(), HYBRID.stream()).toList();
    static final double FP32 = 1e-4, BF16 = 2e-2;

    static Stream<Arguments> cases() {
        return ModelDevices.ALL.stream().flatMap(d -> MODELS.stream().flatMap(m -> Stream.of(Precision.values()).map(p -> Arguments.of(d.id(), m, p))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void matchesTransformers(String deviceId, String model, Precision precision) {
        Device device = Devices.get(deviceId);
        Mamba2Model m = ModelLoader.load(Mamba2ReferenceTest.golden(model), precision);
        String hf = model.endsWith("-ss") ? model.substring(0, model.length() - 3) : model;
        int vocab = m.config().paddedVocab(), n = 3;
        double tolerance = precision == Precision.FP32 ? FP32 : BF16;
        try (WeightFiles golden = SafeTensors.open(Mamba2ReferenceTest.golden(hf).resolve("golden.safetensors"))) {
            int[][] all = new int[n][], prompts = new int[n][];
            float[][] prefillRef = new float[n][], fullRef = new float[n][];
            for (int i = 0; i < n; i++) {
                all[i] = Mamba2ReferenceTest.ints(golden.get("tokens_" + i));
                prefillRef[i] = golden.get("prefill_logits_" + i).toFloats();
                fullRef[i] = golden.get("full_logits_" + i).toFloats();
                prompts[i] = Arrays.copyOf(all[i], prefillRef[i].length / vocab);
            }
            int steps = all[0].length - prompts[0].length;
            String where = deviceId + " " + model + " " + precision;
            // the three prompts (1, 7 and 37 tokens) as one batch: packed prefill, then batched steps
            try (ModelPlan plan = new ModelPlan(m, device, Arrays.stream(prompts).mapToInt(p -> p.length).toArray(), Sampler.GREEDY, true)) {
                int[] next = plan.prefill(prompts);
                float[] rows = plan.prefillLogits();
                for (int i = 0, at = 0; i < n; i++) {
                    close(where + " prompt " + i + " prefill logits", Arrays.copyOfRange(rows, at, at + prefillRef[i].length), prefillRef[i], 0, tolerance);
                    at += prefillRef[i].length;
                }
                int[][] generated = new int[n][steps];
                boolean[] departed = new boolean[n];
                for (int t = 0; t < steps; t++) {
                    for (int i = 0; i < n; i++) {
                        generated[i][t] = next[i];
                        int p = prompts[i].length;
                        if (!departed[i] && next[i] != all[i][p + t]) { // from here on the inputs differ from transformers'
                            departed[i] = true;
                            assertTrue(precision != Precision.FP32, where + " prompt " + i + ": fp32 greedy token " + t + " differs");
                            assertNearTie(where + " prompt " + i + " token " + t, fullRef[i], (p + t - 1) * vocab, vocab, all[i][p + t], next[i]);
                        }
                    }
                    if (t + 1 == steps) break;
                    next = plan.step();
                    float[] logits = plan.logits();
                    for (int i = 0; i < n; i++)
                        if (!departed[i])
                            close(where + " prompt " + i + " step " + (t + 1) + " logits", Arrays.copyOfRange(logits, i * vocab, (i + 1) * vocab),
                                    fullRef[i], (prompts[i].length + t) * vocab, tolerance);
                }
                if (precision == Precision.FP32)
                    for (int i = 0; i < n; i++)
                        assertArrayEquals(Arrays.copyOfRange(all[i], prompts[i].length, all[i].length), generated[i],
                                where + " prompt " + i + ": greedy continuation");
            }
        }
    }

    /**
     * A bf16 continuation may leave transformers' (fp32) greedy one only where that was a near tie: in the
     * reference's logits at that position, the two tokens within 5% of the row's range of each other.
     */
    static void assertNearTie(String what, float[] ref, int offset, int vocab, int theirs, int ours) {
        float max = Float.NEGATIVE_INFINITY, min = Float.POSITIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, ref[offset + v]);
            min = Math.min(min, ref[offset + v]);
        }
        float gap = ref[offset + theirs] - ref[offset + ours];
        assertTrue(gap <= 0.05f * (max - min), what + ": bf16 chose " + ours + " over transformers' " + theirs
                + " with a logit gap of " + gap + " in a range of " + (max - min) + " (not a near tie)");
        System.out.println(what + ": bf16 leaves transformers' continuation at a near tie (logit gap " + gap + ", range " + (max - min) + ")");
    }

    /** ‖actual − expected[offset ..]‖ / ‖expected[offset ..]‖ over actual's length, NaN failing. */
    static void close(String what, float[] actual, float[] expected, int offset, double tolerance) {
        double rel = RelativeError.of(actual, Arrays.copyOfRange(expected, offset, offset + actual.length));
        assertTrue(rel <= tolerance, what + ": relative error " + rel + " above " + tolerance);
    }
}
