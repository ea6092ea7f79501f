package dev.mamba2j.verification;

import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kernel whose local arrays take 96 KiB, twice what a CUDA module may declare statically, on every
 * device: where the device grants that much ({@link Device#largestLocalMemoryBytes()}; on CUDA the
 * arrays become dynamic shared memory the launch asks for) each work-group's result is exact; elsewhere
 * the launch is refused with a message naming the kernel and the sizes. The output is NaN-poisoned.
 */
class LargeLocalMemoryTest {
    static final int N = 12_288, GROUPS = 6, THREADS = 256;
    static final long LOCAL_BYTES = 2L * N * Float.BYTES;

    /** out = 2·reverse(in) + in per group of N, through two local arrays of N floats each. */
    @Kernel
    static void mirror(KernelContext ctx, FloatArray in, FloatArray out, int n) {
        float[] a = ctx.allocateFloatLocalArray(n);
        float[] b = ctx.allocateFloatLocalArray(n);
        int base = ctx.groupIdx * n;
        for (int i = ctx.localIdx; i < n; i += ctx.localGroupSizeX) a[i] = in.get(base + i);
        ctx.localBarrier();
        for (int i = ctx.localIdx; i < n; i += ctx.localGroupSizeX) b[n - 1 - i] = 2f * a[i];
        ctx.localBarrier();
        for (int i = ctx.localIdx; i < n; i += ctx.localGroupSizeX) out.set(base + i, b[i] + a[i]);
    }

    static Stream<String> devices() { return Devices.all().stream().map(Device::id); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void runsOrIsRefusedByName(String id) {
        Device device = Devices.get(id);
        Random r = new Random(42);
        float[] x = new float[N * GROUPS];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        FloatArray in = FloatArray.fromArray(x), out = new FloatArray(x.length);
        out.init(Float.NaN);
        TaskGraph g = new TaskGraph("g").transferToDevice(EVERY_EXECUTION, in, out)
                .task("mirror", LargeLocalMemoryTest::mirror, new KernelContext(), in, out, N)
                .transferToHost(EVERY_EXECUTION, out);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(id)
                .withGrid("mirror", WorkerGrid.of1D(THREADS * GROUPS).setLocalWork(THREADS))) {
            if (LOCAL_BYTES > device.largestLocalMemoryBytes()) {
                Exception e = assertThrows(Exception.class, plan::execute);
                String m = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
                assertTrue(m.contains("mirror") && m.contains(String.valueOf(LOCAL_BYTES)), m);
                System.out.println("large local arrays refused on " + id + " as expected: " + m);
                return;
            }
            plan.execute();
        }
        for (int gi = 0; gi < GROUPS; gi++)
            for (int i = 0; i < N; i++) {
                int at = gi * N + i;
                assertEquals(2f * x[gi * N + N - 1 - i] + x[at], out.get(at), 0f, () -> id + " element " + at);
            }
    }
}
