package dev.mamba2j.verification.model;

import dev.mamba2j.model.Mamba2Model;
import dev.mamba2j.model.ModelLoader;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.generate.Generation;
import dev.mamba2j.model.generate.Generator;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hybrid models (Mamba-2 and attention layers, gated MLPs) in both families' layouts, on every device,
 * against the double-precision reference: the prompt logits of a batch of prompts of different lengths
 * (longer than the SSD chunk and the attention's query tiles), and prefill then decoding steps, each
 * step's logits against one forward of the reference over prompt and generated tokens — so the KV cache
 * and the recurrent states carry exactly what a whole forward computes.
 */
class HybridModelTest {
    static final double TOLERANCE = 1e-5;
    static final int[][] PROMPTS = {
            {3, 14, 15, 92, 65, 35, 89, 79, 32, 38, 46, 26, 43},
            {7, 1, 8, 2, 81, 82, 84, 59, 0, 45, 23, 53, 60, 28, 74, 71, 35, 26, 62, 49, 77, 57, 20, 9, 99, 11, 30, 61, 42, 5, 18, 33, 64, 97}};
    static final int STEPS = 10;

    @TempDir static Path dir;
    static Path stateSpaces, bamba, nemotronH;

    @BeforeAll
    static void models() {
        stateSpaces = TinyHybrids.write(dir.resolve("ss"), TinyHybrids.STATE_SPACES, 5);
        bamba = TinyHybrids.write(dir.resolve("bamba"), TinyHybrids.BAMBA, 6);
        nemotronH = TinyHybrids.write(dir.resolve("nemotron-h"), TinyHybrids.NEMOTRON_H, 7);
    }

    static Stream<Arguments> cases() {
        return ModelDevices.ALL.stream().flatMap(d -> Stream.of("state-spaces", "bamba", "nemotron-h").map(f -> Arguments.of(d.id(), f)));
    }

    static Stream<Arguments> precisions() {
        return cases().flatMap(a -> Stream.of(Precision.values()).map(p -> Arguments.of(a.get()[0], a.get()[1], p)));
    }

    private static Path model(String family) {
        return switch (family) {
            case "bamba" -> bamba;
            case "nemotron-h" -> nemotronH;
            default -> stateSpaces;
        };
    }

    /** fp32 weights within {@link #TOLERANCE}; bf16 weights within 2e-2 of the fp32 reference. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("precisions")
    void promptLogitsMatchTheReference(String device, String family, Precision precision) {
        Path m = model(family);
        Mamba2Model model = ModelLoader.load(m, precision);
        double tolerance = precision == Precision.FP32 ? TOLERANCE : 2e-2;
        int vocab = model.config().paddedVocab();
        try (ModelPlan plan = new ModelPlan(model, Devices.get(device), lengths(), Sampler.GREEDY, true)) {
            plan.prefill(PROMPTS);
            float[] all = plan.prefillLogits();
            for (int s = 0, row = 0; s < PROMPTS.length; row += PROMPTS[s].length, s++) {
                double[][] ref = reference(m, PROMPTS[s]);
                float[] got = Arrays.copyOfRange(all, row * vocab, (row + PROMPTS[s].length) * vocab);
                double rel = RelativeError.of(got, Mamba2ReferenceTest.flat(ref));
                assertTrue(RelativeError.isBelow(rel, tolerance), device + " " + family + " " + precision + " prompt " + s + ": relative error " + rel);
            }
        }
    }

    /** fp32: every step within {@link #TOLERANCE} and the reference's greedy token; bf16 weights and KV cache: within 2e-2. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("precisions")
    void prefillThenStepsEqualsOneForward(String device, String family, Precision precision) {
        Path m = model(family);
        Mamba2Model model = ModelLoader.load(m, precision);
        boolean fp32 = precision == Precision.FP32;
        int vocab = model.config().paddedVocab(), batch = PROMPTS.length;
        int[][] generated = new int[batch][STEPS + 1];
        float[][][] stepLogits = new float[batch][STEPS + 1][];
        try (ModelPlan plan = new ModelPlan(model, Devices.get(device), lengths(), Sampler.GREEDY, false, 34 + STEPS + 1)) {
            int[] next = plan.prefill(PROMPTS);
            for (int k = 0; k <= STEPS; k++) {
                float[] logits = plan.logits();
                for (int s = 0; s < batch; s++) {
                    generated[s][k] = next[s];
                    stepLogits[s][k] = Arrays.copyOfRange(logits, s * vocab, (s + 1) * vocab);
                }
                if (k < STEPS) next = plan.step();
            }
            // both models keep 32 values per token over their attention layers (1 × 2 kv heads, 2 × 1 kv head, of 16): k and v,
            // for every sequence and position of the context
            assertEquals(2L * batch * (34 + STEPS + 1) * 32 * (fp32 ? 4 : 2), plan.kvCacheBytes());
        }
        for (int s = 0; s < batch; s++) {
            int[] tokens = Arrays.copyOf(PROMPTS[s], PROMPTS[s].length + STEPS);
            System.arraycopy(generated[s], 0, tokens, PROMPTS[s].length, STEPS);
            double[][] ref = reference(m, tokens);
            for (int k = 0; k <= STEPS; k++) {
                double[] want = ref[PROMPTS[s].length - 1 + k];
                double rel = RelativeError.of(stepLogits[s][k], want);
                assertTrue(RelativeError.isBelow(rel, fp32 ? TOLERANCE : 2e-2),
                        device + " " + family + " " + precision + " sequence " + s + " step " + k + ": relative error " + rel);
                if (fp32 && k < STEPS) assertEquals(argmax(want, model.config().vocabSize()), generated[s][k], device + " " + family + " sequence " + s + " greedy token " + k);
            }
        }
    }

    @Test
    void aFullKvCacheIsAClearError() {
        Mamba2Model model = ModelLoader.load(stateSpaces, Precision.FP32);
        int[] lengths = {5};
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> new ModelPlan(model, ModelDevices.ALL.getFirst(), lengths, Sampler.GREEDY, false, 4));
        assertTrue(tooShort.getMessage().contains("shorter than the longest prompt"), tooShort.getMessage());
        try (ModelPlan plan = new ModelPlan(model, ModelDevices.ALL.getFirst(), lengths, Sampler.GREEDY, false, 7)) {
            plan.prefill(new int[][] {{1, 2, 3, 4, 5}});
            plan.step();
            plan.step();
            IllegalStateException full = assertThrows(IllegalStateException.class, plan::step);
            assertTrue(full.getMessage().contains("KV cache is full") && full.getMessage().contains("context of 7"), full.getMessage());
        }
    }

    /** More tokens than a plan's default context holds (on the best device: about 280 steps take minutes on the JVM's). */
    @Test
    void theGeneratorSizesTheCacheForItsTokens() {
        Mamba2Model model = ModelLoader.load(bamba, Precision.FP32);
        int max = ModelPlan.DEFAULT_NEW_TOKENS + 20;
        Generation g = Generator.generate(model, ModelDevices.ALL.get(0), new int[][] {{5, 6, 7}, {8}}, new Generator.Options(max, Sampler.GREEDY, -1), null);
        assertEquals(max, g.tokens()[0].length);
        assertEquals(max, g.tokens()[1].length);
    }

    private static int[] lengths() { return Arrays.stream(PROMPTS).mapToInt(p -> p.length).toArray(); }

    private static double[][] reference(Path m, int[] tokens) {
        ModelConfig config = ModelConfig.read(m);
        try (ModelWeights w = ModelWeights.open(m, config)) {
            return new Mamba2Reference(config, w).logits(tokens);
        }
    }

    private static int argmax(double[] v, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
