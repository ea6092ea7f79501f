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
 * equals one forward). fp32 within 1e-4 relative (‖out − ref‖ / ‖ref‖ per row block); bf16 weights
 * within 2e-2 of the same fp32 logits, the tokens not compared (bf16 rounding may flip a near tie).
 */
class GoldenModelTest {
    static final List<String> MODELS = List.of("mamba2-tiny-s16-tied", "mamba2-tiny-s64-untied", "mamba2-tiny-s16-g2",
            "mamba2-tiny-s16-tied-ss");
    static final double FP32 = 1e-4, BF16 = 2e-2;

    static Stream<Arguments> cases() {
        return Devices.all().stream().flatMap(d -> MODELS.stream().flatMap(m -> Stream.of(Precision.values()).map(p -> Arguments.of(d.id(), m, p))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void matchesTransformers(String deviceId, String model, Precision precision) {
        Device device = Devices.get(deviceId);
        Mamba2Model m = ModelLoader.load(Mamba2ReferenceTest.golden(model), precision);
        String hf = model.endsWith("-ss") ? model.substring(0, model.length() - 3) : model;
        int vocab = m.config().paddedVocab();
        double tolerance = precision == Precision.FP32 ? FP32 : BF16;
        try (WeightFiles golden = SafeTensors.open(Mamba2ReferenceTest.golden(hf).resolve("golden.safetensors"))) {
            for (int i = 0; i < 3; i++) {
                int[] all = Mamba2ReferenceTest.ints(golden.get("tokens_" + i));
                float[] prefillRef = golden.get("prefill_logits_" + i).toFloats(), fullRef = golden.get("full_logits_" + i).toFloats();
                int promptLen = prefillRef.length / vocab;
                int[] prompt = Arrays.copyOf(all, promptLen);
                String where = deviceId + " " + model + " " + precision + " prompt " + i;
                try (ModelPlan plan = new ModelPlan(m, device, new int[] {promptLen}, Sampler.GREEDY, true)) {
                    int[] next = plan.prefill(new int[][] {prompt});
                    close(where + " prefill logits", plan.prefillLogits(), prefillRef, 0, tolerance);
                    int[] generated = new int[all.length - promptLen];
                    for (int t = 0; t < generated.length; t++) {
                        generated[t] = next[0];
                        if (t + 1 < generated.length) {
                            next = plan.step();
                            close(where + " step " + (t + 1) + " logits", plan.logits(), fullRef, (promptLen + t) * vocab, tolerance);
                        }
                    }
                    if (precision == Precision.FP32)
                        assertArrayEquals(Arrays.copyOfRange(all, promptLen, all.length), generated, where + ": greedy continuation");
                }
            }
        }
    }

    /** ‖actual − expected[offset ..]‖ / ‖expected[offset ..]‖ over actual's length, NaN failing. */
    static void close(String what, float[] actual, float[] expected, int offset, double tolerance) {
        double err = 0, norm = 0;
        for (int j = 0; j < actual.length; j++) {
            double e = expected[offset + j], d = actual[j] - e;
            err += d * d;
            norm += e * e;
        }
        double rel = Math.sqrt(err / norm);
        assertTrue(rel <= tolerance, what + ": relative error " + rel + " above " + tolerance);
    }
}
