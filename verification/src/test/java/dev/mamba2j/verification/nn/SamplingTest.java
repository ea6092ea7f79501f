package dev.mamba2j.verification.nn;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mamba2j.kernels.nn.KernelMath;
import dev.mamba2j.kernels.nn.Sampling;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.verification.RandomSsdInputs;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Greedy and top-k / top-p sampling on every device, against the sorting reference. Rows are padded
 * (stride > vocab). A sampled token passes when it is the reference's, or its neighbour among the kept
 * tokens (ascending id) while u lies within {@link #BOUNDARY} of the cumulative probability between the
 * two: there float rounding (p in fp32, sums in another order) can move the boundary past u. Also: the
 * edge cases that must reduce to argmax, NaN and infinite rows, u = 0, and repeated runs.
 */
class SamplingTest {
    /** How close u may come to a boundary of the cumulative distribution for a neighbour to be accepted. */
    static final double BOUNDARY = 1e-4;
    static final int PAD = 3;

    static Stream<Arguments> argmaxCases() { return NnDevices.ids().flatMap(d -> Stream.of(1, 7, 1000, 5003).map(v -> Arguments.of(d, v))); }

    @ParameterizedTest(name = "{0} vocab={1}")
    @MethodSource("argmaxCases")
    void argmaxTakesTheFirstLargestAndRefusesNaN(String device, int vocab) {
        int rows = 4, stride = vocab + PAD;
        float[] logits = new RandomSsdInputs(vocab).normal((long) rows * stride);
        if (vocab > 2) { // row 1: the maximum twice, the later copy must lose
            int a = vocab / 3, b = 2 * vocab / 3;
            logits[stride + a] = logits[stride + b] = 100f;
        }
        logits[2 * stride + vocab - 1] = Float.NaN; // row 2: a NaN, at the end
        Arrays.fill(logits, 3 * stride, 3 * stride + vocab, Float.NEGATIVE_INFINITY); // row 3: nothing but −∞
        logits[3 * stride + vocab] = 5f; // in the padding: never read
        int[] got = argmax(device, logits, rows, vocab, stride);
        for (int r = 0; r < rows; r++) assertEquals(SamplingReference.argmax(logits, r * stride, vocab), got[r], "row " + r);
        assertEquals(-1, got[2]);
    }

    record Config(int vocab, float temperature, int topK, float topP) {}

    static Stream<Arguments> sampleCases() {
        Config[] configs = {new Config(1000, 1f, 0, 1f), new Config(1000, 0.7f, 50, 1f), new Config(1000, 1.3f, 0, 0.9f),
                new Config(5003, 0.8f, 40, 0.95f), new Config(10, 1f, 3, 0.5f), new Config(257, 2f, 300, 0.99f),
                new Config(300, 1f, -1, 0.3f)};
        return NnDevices.ids().flatMap(d -> Arrays.stream(configs).map(c -> Arguments.of(d, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sampleCases")
    void sampleMatchesTheSortingReference(String device, Config c) {
        int rows = 16, stride = c.vocab() + PAD;
        SplittableRandom random = new SplittableRandom(c.hashCode());
        float[] logits = scaled(new RandomSsdInputs(c.vocab() + c.topK()).normal((long) rows * stride), 3f);
        logits[c.vocab() / 2] = logits[c.vocab() / 3]; // a tie in row 0
        float[] u = new float[rows];
        for (int r = 0; r < rows; r++) u[r] = (float) random.nextDouble();
        int[] got = sample(device, logits, u, rows, c, 1)[0];
        for (int r = 0; r < rows; r++) {
            SamplingReference.Sample ref = SamplingReference.sample(logits, r * stride, c.vocab(), c.temperature(), c.topK(), c.topP(), u[r]);
            int row = r;
            assertTrue(ref.accepts(got[r], BOUNDARY), () -> device + " row " + row + ": token " + got[row] + ", reference " + ref.token()
                    + " (u=" + u[row] + ", " + ref.kept().length + " kept)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mamba2j.verification.nn.NnDevices#ids")
    void edgeCasesReduceToArgmax(String device) {
        int vocab = 777, rows = 6, stride = vocab + PAD;
        float[] logits = scaled(new RandomSsdInputs(vocab).normal((long) rows * stride), 3f);
        float[] u = {0.3f, 0.999f, 0.5f, 0f, 0.7f, 0.1f};
        int[] greedy = argmax(device, logits, rows, vocab, stride);
        assertArrayEquals(greedy, sample(device, logits, u, rows, new Config(vocab, 1e-4f, 0, 1f), 1)[0], "T tiny");
        assertArrayEquals(greedy, sample(device, logits, u, rows, new Config(vocab, 1e-30f, 0, 0.9f), 1)[0], "T 1e-30");
        assertArrayEquals(greedy, sample(device, logits, u, rows, new Config(vocab, 1f, 1, 1f), 1)[0], "top_k 1");
        assertArrayEquals(greedy, sample(device, logits, u, rows, new Config(vocab, 1f, 0, 1e-6f), 1)[0], "top_p tiny");
        assertArrayEquals(greedy, sample(device, logits, u, rows, new Config(vocab, 1f, 0, 0f), 1)[0], "top_p 0");
        // u = 0 takes the first kept token: the lowest id among the top 5
        int[] first = sample(device, logits, new float[rows], rows, new Config(vocab, 1f, 5, 1f), 1)[0];
        for (int r = 0; r < rows; r++)
            assertEquals(SamplingReference.sample(logits, r * stride, vocab, 1, 5, 1, 0).kept()[0], first[r], "u = 0, row " + r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mamba2j.verification.nn.NnDevices#ids")
    void nanAndInfiniteRowsGiveMinusOne(String device) {
        int vocab = 100, stride = vocab + PAD;
        float[] logits = new RandomSsdInputs(5).normal(4L * stride);
        logits[17] = Float.NaN;
        logits[stride + 3] = Float.POSITIVE_INFINITY;
        Arrays.fill(logits, 2 * stride, 2 * stride + vocab, Float.NEGATIVE_INFINITY);
        int[] got = sample(device, logits, new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 4, new Config(vocab, 1f, 10, 0.9f), 1)[0];
        assertArrayEquals(new int[] {-1, -1, -1, got[3]}, got);
        assertTrue(got[3] >= 0 && got[3] < vocab);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mamba2j.verification.nn.NnDevices#ids")
    void repeatedRunsGiveTheSameTokens(String device) {
        int vocab = 2000, rows = 8, stride = vocab + PAD;
        float[] logits = scaled(new RandomSsdInputs(42).normal((long) rows * stride), 2f);
        float[] u = new float[rows];
        SplittableRandom random = new SplittableRandom(7);
        for (int r = 0; r < rows; r++) u[r] = (float) random.nextDouble();
        int[][] runs = sample(device, logits, u, rows, new Config(vocab, 0.9f, 100, 0.9f), 3);
        assertArrayEquals(runs[0], runs[1]);
        assertArrayEquals(runs[0], runs[2]);
    }

    private static int[] argmax(String device, float[] logits, int rows, int vocab, int stride) {
        FloatArray l = FloatArray.fromArray(logits);
        IntArray token = poisoned(rows);
        NnDevices.run(device, NnDevices.graph(l, token).task("t", Sampling::argmax, new KernelContext(), l, token, vocab, stride)
                .transferToHost(EVERY_EXECUTION, token), grid(rows));
        return token.toHeapArray();
    }

    /** The tokens of {@code runs} executions of one plan (the token array poisoned before each). */
    private static int[][] sample(String device, float[] logits, float[] u, int rows, Config c, int runs) {
        FloatArray l = FloatArray.fromArray(logits), uniform = FloatArray.fromArray(u);
        IntArray token = poisoned(rows);
        TaskGraph g = NnDevices.graph(l, uniform, token).task("t", Sampling::sample, new KernelContext(), l, uniform, token, c.vocab(),
                c.vocab() + PAD, c.temperature(), c.topK(), c.topP()).transferToHost(EVERY_EXECUTION, token);
        int[][] out = new int[runs][];
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("t", grid(rows))) {
            for (int k = 0; k < runs; k++) {
                token.init(Integer.MIN_VALUE);
                plan.execute();
                out[k] = token.toHeapArray();
            }
        }
        return out;
    }

    private static WorkerGrid grid(int rows) { return WorkerGrid.of1D(KernelMath.GROUP * rows).setLocalWork(KernelMath.GROUP); }

    private static IntArray poisoned(int n) {
        IntArray a = new IntArray(n);
        a.init(Integer.MIN_VALUE);
        return a;
    }

    private static float[] scaled(float[] a, float by) {
        for (int i = 0; i < a.length; i++) a[i] *= by;
        return a;
    }
}
