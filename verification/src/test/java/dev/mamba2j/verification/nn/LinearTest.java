package dev.mamba2j.verification.nn;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;

import dev.mamba2j.kernels.linalg.Linear;
import dev.mamba2j.kernels.linalg.LinearCompact;
import dev.mamba2j.kernels.linalg.LinearDecode;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.verification.RandomSsdInputs;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * y = x·Wᵀ (+ bias) on every device, against double, for the tiled (prefill; tuned and compact) and the
 * few-rows (decode) kernels, W fp32 and bf16, on shapes that are multiples of no tile. With bf16 W the reference takes the
 * same bf16-rounded weights, so both kernels are held to the fp32 bound: what is left is fp32
 * accumulation (and, on tensor cores, TF32 rounding of x's low part, at most 2⁻²¹ relative).
 */
class LinearTest {
    static final int[][] SHAPES = {{24, 40}, {257, 24}, {40, 257}, {2100, 9}}; // (in, out); 2100: several passes of the decoding form

    /** Which kernel: the tiles tuned for 48 KiB, the compact tiles, the few-rows form. */
    enum Form { TILED, COMPACT, DECODE }

    /**
     * The tuned tiled kernels on the devices whose local memory holds their tiles (lavapipe's 32 KiB does
     * not; named on the output, where the layer runs the compact form instead).
     */
    static Stream<Arguments> tiledCases() {
        java.util.List<String> small = NnDevices.ids().filter(d -> dev.mamba2j.tornado.api.Devices.get(d).localMemoryBytes() < Linear.BF16_LOCAL_BYTES).toList();
        if (!small.isEmpty()) System.out.println("tuned tiled linear layer not checked on " + small + ": it stages " + Linear.LOCAL_BYTES + " bytes ("
                + Linear.BF16_LOCAL_BYTES + " with bf16 W) of local memory; the compact form is checked there");
        return cases(new int[] {1, 3, 17, 100}).filter(a -> !small.contains((String) a.get()[0])
                || dev.mamba2j.tornado.api.Devices.get((String) a.get()[0]).localMemoryBytes() >= Linear.LOCAL_BYTES && !(boolean) a.get()[4]);
    }

    /** The compact tiled kernels ({@link LinearCompact}), on every device. */
    static Stream<Arguments> compactCases() { return cases(new int[] {1, 3, 17, 100}); }

    static Stream<Arguments> decodeCases() { return cases(new int[] {1, 3, 8, 17, 32}); }

    private static Stream<Arguments> cases(int[] rows) {
        return NnDevices.ids().flatMap(d -> Stream.of(SHAPES).flatMap(s -> java.util.Arrays.stream(rows).boxed()
                .flatMap(r -> Stream.of(false, true).map(bf16 -> Arguments.of(d, r, s[0], s[1], bf16)))));
    }

    @ParameterizedTest(name = "{0} rows={1} in={2} out={3} bf16={4}")
    @MethodSource("tiledCases")
    void tiledMatchesTheReference(String device, int rows, int in, int out, boolean bf16) {
        check(device, rows, in, out, bf16, Form.TILED);
    }

    @ParameterizedTest(name = "{0} rows={1} in={2} out={3} bf16={4}")
    @MethodSource("compactCases")
    void compactMatchesTheReference(String device, int rows, int in, int out, boolean bf16) {
        check(device, rows, in, out, bf16, Form.COMPACT);
    }

    @ParameterizedTest(name = "{0} rows={1} in={2} out={3} bf16={4}")
    @MethodSource("decodeCases")
    void decodeMatchesTheReference(String device, int rows, int in, int out, boolean bf16) {
        check(device, rows, in, out, bf16, Form.DECODE);
    }

    static Stream<Arguments> pairCases() {
        return decodeCases().filter(a -> (boolean) a.get()[4] && (int) a.get()[2] % 2 == 0);
    }

    /** bf16 W read two elements a load through an int view of its memory (the view shares the array's device buffer). */
    @ParameterizedTest(name = "{0} rows={1} in={2} out={3}")
    @MethodSource("pairCases")
    void decodeInPairsMatchesTheReference(String device, int rows, int in, int out, boolean bf16) {
        RandomSsdInputs r = new RandomSsdInputs(rows * 1_000_003L + in * 1009L + out + 13);
        boolean hasBias = (rows + in) % 2 == 0;
        float[] x = r.normal((long) rows * in), w = NnDevices.bf16Rounded(r.normal((long) out * in)), bias = r.normal(out);
        FloatArray fx = FloatArray.fromArray(x), fb = FloatArray.fromArray(bias), y = new FloatArray(rows * out);
        y.init(Float.NaN);
        BFloat16Array fw = BFloat16Array.fromArray(w);
        TaskGraph g = NnDevices.graph(fx, fw, fb, y).task("t", LinearDecode::linearBf16Pairs, new KernelContext(), fx, IntArray.view(fw), fb, y,
                rows, in, out, hasBias, LinearDecode.threads(rows), LinearDecode.unroll(rows, in / 2));
        NnDevices.run(device, g.transferToHost(EVERY_EXECUTION, y),
                WorkerGrid.of1D(LinearDecode.threads(rows) * LinearDecode.groups(out)).setLocalWork(LinearDecode.threads(rows)));
        double[] ref = LayerReference.linear(x, w, hasBias ? bias : null, rows, in, out);
        NnDevices.assertClose(device + " y", y.toHeapArray(), ref, in > 1000 ? 4 * NnDevices.FP32_TOLERANCE : NnDevices.FP32_TOLERANCE);
    }

    private static void check(String device, int rows, int in, int out, boolean bf16, Form form) {
        boolean decode = form == Form.DECODE;
        RandomSsdInputs r = new RandomSsdInputs(rows * 1_000_003L + in * 1009L + out + (bf16 ? 7 : 0) + form.ordinal() * 11L);
        boolean hasBias = (rows + in) % 2 == 1;
        float[] x = r.normal((long) rows * in), w = r.normal((long) out * in), bias = r.normal(out);
        if (bf16) w = NnDevices.bf16Rounded(w);
        FloatArray fx = FloatArray.fromArray(x), fb = FloatArray.fromArray(bias), y = new FloatArray(rows * out);
        y.init(Float.NaN);
        KernelContext ctx = new KernelContext();
        TaskGraph g;
        if (bf16) {
            BFloat16Array fw = BFloat16Array.fromArray(w);
            g = NnDevices.graph(fx, fw, fb, y);
            if (decode) g.task("t", LinearDecode::linearBf16, ctx, fx, fw, fb, y, rows, in, out, hasBias, LinearDecode.threads(rows), LinearDecode.unroll(rows, in));
            else if (form == Form.TILED) g.task("t", Linear::linearBf16, ctx, fx, fw, fb, y, rows, in, out, hasBias);
            else g.task("t", LinearCompact::linearBf16, ctx, fx, fw, fb, y, rows, in, out, hasBias);
        } else {
            FloatArray fw = FloatArray.fromArray(w);
            g = NnDevices.graph(fx, fw, fb, y);
            if (decode) g.task("t", LinearDecode::linear, ctx, fx, fw, fb, y, rows, in, out, hasBias, LinearDecode.threads(rows), LinearDecode.unroll(rows, in));
            else if (form == Form.TILED) g.task("t", Linear::linear, ctx, fx, fw, fb, y, rows, in, out, hasBias);
            else g.task("t", LinearCompact::linear, ctx, fx, fw, fb, y, rows, in, out, hasBias);
        }
        WorkerGrid grid = decode
                ? WorkerGrid.of1D(LinearDecode.threads(rows) * LinearDecode.groups(out)).setLocalWork(LinearDecode.threads(rows))
                : WorkerGrid.of2D(Linear.THREADS * tiles(rows), tiles(out)).setLocalWork(Linear.THREADS, 1);
        NnDevices.run(device, g.transferToHost(EVERY_EXECUTION, y), grid);
        double[] ref = LayerReference.linear(x, w, hasBias ? bias : null, rows, in, out);
        // sums of thousands of fp32 products drift further from the double reference (up to 1.6e-5 at 2,100 on the H200)
        double tolerance = in > 1000 ? 4 * NnDevices.FP32_TOLERANCE : NnDevices.FP32_TOLERANCE;
        NnDevices.assertClose(device + " y", y.toHeapArray(), ref, tolerance);
    }

    private static int tiles(int n) { return (n + Linear.TILE - 1) / Linear.TILE; }
}
