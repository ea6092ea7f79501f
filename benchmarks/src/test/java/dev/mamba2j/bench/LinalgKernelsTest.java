package dev.mamba2j.bench;

import dev.mamba2j.model.FastFill;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mamba2j.kernels.linalg.Copy;
import dev.mamba2j.kernels.linalg.Matmul;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The yardstick kernels give the right answer on every device present here (JVM, and OpenCL where found). */
class LinalgKernelsTest {

    static Stream<String> devices() { return Devices.all().stream().map(Device::id); }

    @ParameterizedTest
    @MethodSource("devices")
    void copyCopiesEveryElementAndNoMore(String device) {
        int n = 1000;
        FloatArray src = FloatArray.fromArray(FastFill.unit(n, 3)), dst = new FloatArray(n + 24);
        dst.init(-7f);
        TaskGraph g = new TaskGraph("g").transferToDevice(EVERY_EXECUTION, src, dst)
                .task("copy", Copy::copy, new KernelContext(), src, dst, n).transferToHost(EVERY_EXECUTION, dst);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("copy", WorkerGrid.of1D(1024).setLocalWork(128))) {
            plan.execute();
        }
        for (int i = 0; i < n; i++) assertEquals(src.get(i), dst.get(i), "element " + i);
        for (int i = n; i < n + 24; i++) assertEquals(-7f, dst.get(i), "past n at " + i);
    }

    @ParameterizedTest
    @MethodSource("devices")
    void matmulMatchesTheTripleLoopOnARaggedShape(String device) {
        int n = 37, m = 21, k = 50; // none a multiple of the tile
        float[] a = FastFill.unit((long) n * k, 5), b = FastFill.unit((long) k * m, 6);
        FloatArray fa = FloatArray.fromArray(a), fb = FloatArray.fromArray(b), fc = new FloatArray(n * m);
        TaskGraph g = new TaskGraph("g").transferToDevice(EVERY_EXECUTION, fa, fb)
                .task("mm", Matmul::matmul, new KernelContext(), fa, fb, fc, n, m, k).transferToHost(EVERY_EXECUTION, fc);
        int t = Matmul.TILE;
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)
                .withGrid("mm", WorkerGrid.of2D((m + t - 1) / t * t, (n + t - 1) / t * t).setLocalWork(t, t))) {
            plan.execute();
        }
        float[] expected = new float[n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                float acc = 0f;
                for (int kk = 0; kk < k; kk++) acc = Math.fma(a[i * k + kk], b[kk * m + j], acc);
                expected[i * m + j] = acc;
            }
        assertArrayEquals(expected, fc.toHeapArray(), 1e-5f);
    }
}
