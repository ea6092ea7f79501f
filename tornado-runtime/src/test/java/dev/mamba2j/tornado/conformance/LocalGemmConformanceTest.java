package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.conformance.Conformance.runOnce;
import static dev.mamba2j.tornado.conformance.ConformanceKernels.GEMM_K;
import static dev.mamba2j.tornado.conformance.ConformanceKernels.GEMM_LDA;
import static dev.mamba2j.tornado.conformance.ConformanceKernels.GEMM_LDB;
import static dev.mamba2j.tornado.conformance.ConformanceKernels.GEMM_M;
import static dev.mamba2j.tornado.conformance.ConformanceKernels.GEMM_N;
import static dev.mamba2j.tornado.conformance.ElementwiseConformanceTest.DEVICES;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * KernelContext.localGemm against a double-precision product on random data: every element within
 * 4e-6 of Σ|a·b| (fp32 FMAs over k ≤ 96 stay near 1e-6; a single TF32 product would be near 1e-3).
 * localGemmTf32 within 2e-3 of Σ|a·b| (inputs rounded to TF32: up to 2⁻¹⁰ per product).
 */
class LocalGemmConformanceTest {
    private static final double TOLERANCE = 4e-6, TF32_TOLERANCE = 2e-3;

    @ParameterizedTest @MethodSource(DEVICES)
    void productsAccumulate(String device) { accumulate(device, false, false); }

    /** The runtime flag picks one TF32 product per step. */
    @ParameterizedTest @MethodSource(DEVICES)
    void tf32ProductsAccumulate(String device) { accumulate(device, true, false); }

    /** localGemmTf32, the flag a constant. */
    @ParameterizedTest @MethodSource(DEVICES)
    void constantTf32ProductsAccumulate(String device) { accumulate(device, true, true); }

    private static void accumulate(String device, boolean tf32, boolean constant) {
        long local = 4L * (GEMM_M * GEMM_LDA + GEMM_K * GEMM_LDB + GEMM_M * GEMM_LDB);
        long has = dev.mamba2j.tornado.api.Devices.get(device).localMemoryBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(has >= local, () -> device + " has " + has + " bytes of local memory; these products stage "
                + local + ", so they are not checked there (the launch is refused, naming the sizes: LaunchLimitsTest)");
        int groups = 3, sa = GEMM_M * GEMM_K, sb = GEMM_K * GEMM_N, sc = GEMM_M * GEMM_N;
        Random rnd = new Random(11);
        float[] x = random(rnd, groups * sa), y = random(rnd, groups * sb), z = random(rnd, groups * sc);
        FloatArray a = FloatArray.fromArray(x), b = FloatArray.fromArray(y), c = FloatArray.fromArray(z);
        TaskGraph graph = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b, c);
        graph = constant ? graph.task("k", ConformanceKernels::localGemmSquareTf32, new KernelContext(), a, b, c)
                : graph.task("k", ConformanceKernels::localGemmSquare, new KernelContext(), a, b, c, tf32);
        runOnce(device, graph.transferToHost(EVERY_EXECUTION, c), WorkerGrid.of1D(groups * 128).setLocalWork(128));
        for (int gi = 0; gi < groups; gi++)
            for (int i = 0; i < GEMM_M; i++)
                for (int j = 0; j < GEMM_N; j++) {
                    double exact = z[gi * sc + i * GEMM_N + j], scale = Math.abs(exact);
                    for (int l = 0; l < GEMM_K + GEMM_K / 2; l++) {
                        double p = (double) x[gi * sa + i * GEMM_K + l % GEMM_K] * y[gi * sb + l % GEMM_K * GEMM_N + j];
                        exact += p;
                        scale += Math.abs(p);
                    }
                    expectNear((tf32 ? "tf32 " : "") + "group " + gi, i, j, exact, scale, c.get(gi * sc + i * GEMM_N + j),
                            tf32 ? TF32_TOLERANCE : TOLERANCE);
                }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void unevenProductWithThreeWarps(String device) {
        Random rnd = new Random(12);
        float[] x = random(rnd, 48 * 24), y = random(rnd, 24 * 40);
        FloatArray a = FloatArray.fromArray(x), b = FloatArray.fromArray(y), c = new FloatArray(48 * 40);
        Check.poison(c);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::localGemmUneven, new KernelContext(), a, b, c)
                .transferToHost(EVERY_EXECUTION, c), WorkerGrid.of2D(32, 3).setLocalWork(32, 3));
        for (int i = 0; i < 48; i++)
            for (int j = 0; j < 40; j++) {
                double exact = 0, scale = 0;
                for (int l = 0; l < 24; l++) {
                    double p = (double) x[i * 24 + l] * y[l * 40 + j];
                    exact += p;
                    scale += Math.abs(p);
                }
                expectNear("uneven", i, j, exact, scale, c.get(i * 40 + j), TOLERANCE);
            }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void shapesOutsideTheRulesAreRefused(String device) {
        FloatArray out = new FloatArray(64);
        TaskGraph g = new TaskGraph("t").task("k", RefusedKernels::localGemmBadShape, new KernelContext(), out)
                .transferToHost(EVERY_EXECUTION, out);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("t.k", WorkerGrid.of1D(64).setLocalWork(32))) {
            RuntimeException e = assertThrows(RuntimeException.class, plan::execute);
            String all = e + " / " + e.getCause();
            assertTrue(all.contains("multiple of 16") && all.contains("m=20"), all);
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void workGroupsThatAreNotWholeWarpsAreRefused(String device) {
        FloatArray a = new FloatArray(48 * 24), b = new FloatArray(24 * 40), c = new FloatArray(48 * 40);
        TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::localGemmUneven, new KernelContext(), a, b, c).transferToHost(EVERY_EXECUTION, c);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("t.k", WorkerGrid.of1D(48).setLocalWork(48))) {
            RuntimeException e = assertThrows(RuntimeException.class, plan::execute);
            String all = e + " / " + e.getCause();
            assertTrue(all.contains("multiple of 32"), all);
        }
    }

    private static void expectNear(String what, int i, int j, double exact, double scale, float actual, double tolerance) {
        if (!(Math.abs(actual - exact) <= tolerance * scale))
            fail(what + ": C[" + i + "][" + j + "] = " + actual + ", expected " + exact + " (error " + Math.abs(actual - exact) / scale
                    + " of Σ|a·b|, limit " + tolerance + ")");
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        return v;
    }
}
