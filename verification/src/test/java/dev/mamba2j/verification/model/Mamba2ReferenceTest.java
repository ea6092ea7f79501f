package dev.mamba2j.verification.model;

import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.weights.ModelWeights;
import dev.mamba2j.model.weights.SafeTensors;
import dev.mamba2j.model.weights.Tensor;
import dev.mamba2j.model.weights.WeightFiles;
import dev.mamba2j.verification.RelativeError;
import org.junit.jupiter.params.ParameterizedTest;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The double-precision reference against Hugging Face transformers' fp32 logits for the golden models
 * (made by hybrid-model/scripts/make_golden_models.py): the reference itself must be right before
 * anything is checked against it.
 */
class Mamba2ReferenceTest {
    /** The golden models' folder, found from the working directory up (a module's folder, the repository, a test bundle inside it). */
    static Path golden(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path golden = dir.resolve("hybrid-model/src/test/resources/golden");
            if (java.nio.file.Files.isDirectory(golden)) return golden.resolve(name);
        }
        throw new IllegalStateException("no hybrid-model/src/test/resources/golden above " + Path.of("").toAbsolutePath());
    }

    static java.util.List<String> models() { return GoldenModelTest.MODELS; }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("models")
    void matchesTransformersLogits(String model) {
        Path dir = golden(model);
        String hf = model.endsWith("-ss") ? model.substring(0, model.length() - 3) : model;
        ModelConfig config = ModelConfig.read(dir);
        try (ModelWeights w = ModelWeights.open(dir, config); WeightFiles golden = SafeTensors.open(golden(hf).resolve("golden.safetensors"))) {
            Mamba2Reference ref = new Mamba2Reference(config, w);
            for (int i = 0; i < 3; i++) {
                int[] tokens = ints(golden.get("tokens_" + i));
                double[][] logits = ref.logits(tokens);
                float[] expected = golden.get("full_logits_" + i).toFloats();
                double rel = RelativeError.of(flat(logits), widen(expected));
                System.out.printf("%s prompt %d (%d tokens): relative error %.2e%n", model, i, tokens.length, rel);
                // transformers computes the rotary angles in fp32 (position · inv_freq rounded), the reference in double
                double bound = GoldenModelTest.HYBRID.contains(model) ? 1e-4 : 1e-5;
                assertTrue(rel < bound, model + " prompt " + i + ": relative error " + rel);
            }
        }
    }

    /** Rows one after another. */
    static double[] flat(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    static int[] ints(Tensor t) {
        int[] out = new int[(int) t.numel()];
        for (int i = 0; i < out.length; i++) out[i] = t.data().getAtIndex(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, i);
        return out;
    }
}
