package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.ExecutionResult;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.NativeArray;
import dev.mamba2j.tornado.api.Devices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.FIRST_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.UNDER_DEMAND;
import static dev.mamba2j.tornado.api.ExecutionProfile.Direction.TO_DEVICE;
import static dev.mamba2j.tornado.api.ExecutionProfile.Direction.TO_HOST;
import static dev.mamba2j.tornado.conformance.Conformance.grid1D;
import static dev.mamba2j.tornado.conformance.ElementwiseConformanceTest.DEVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copies happen exactly as the transfer modes say, counted through the profile. */
class TransferConformanceTest {
    private static final int N = 1000;

    /** The JVM device outside checked mode, which runs kernels on the host arrays themselves: nothing is copied. */
    private static boolean isJvm(String device) { return Devices.get(device).id().equals("jvm") && !Boolean.getBoolean("mamba2j.checked"); }

    private static FloatArray ramp() {
        FloatArray a = new FloatArray(N);
        for (int i = 0; i < N; i++) a.set(i, i * 0.5f);
        return a;
    }

    /** One copy of {@code array} in {@code direction}, of its full size (0 bytes on the JVM outside checked mode, whose buffers are the arrays). */
    private static void copiedOnce(String device, ExecutionProfile p, NativeArray array, ExecutionProfile.Direction direction) {
        assertEquals(1, p.copies(array, direction), direction + " copies");
        long bytes = p.transfers().stream().filter(t -> t.array() == array && t.direction() == direction).findFirst().orElseThrow().bytes();
        assertEquals(isJvm(device) ? 0 : array.getNumBytes(), bytes, direction + " bytes");
    }

    private static void expectAddOne(FloatArray in, FloatArray out, float factor) {
        for (int i = 0; i < N; i++) assertEquals((in.get(i) + 1f) * factor, out.get(i), "element " + i);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void firstExecutionCopiesOnceAcrossExecutes(String device) {
        FloatArray in = ramp(), out = new FloatArray(N);
        TaskGraph g = new TaskGraph("t").transferToDevice(FIRST_EXECUTION, in)
                .task("k", ConformanceKernels::addOne, new KernelContext(), in, out, N)
                .transferToHost(EVERY_EXECUTION, out);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("k", grid1D(N))) {
            for (int run = 0; run < 4; run++) {
                Check.poison(out);
                ExecutionProfile p = plan.execute().profile();
                assertEquals(run == 0 ? 1 : 0, p.copies(in, TO_DEVICE), "copies of a FIRST_EXECUTION input in run " + run);
                if (run == 0) copiedOnce(device, p, in, TO_DEVICE);
                copiedOnce(device, p, out, TO_HOST);
                expectAddOne(in, out, 1f);
            }
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void everyExecutionCopiesEachTime(String device) {
        FloatArray in = ramp(), out = new FloatArray(N);
        TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::addOne, new KernelContext(), in, out, N)
                .transferToHost(EVERY_EXECUTION, out);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("t.k", grid1D(N))) {
            for (int run = 0; run < 4; run++) {
                for (int i = 0; i < N; i++) in.set(i, i + run * 1000f);
                Check.poison(out);
                ExecutionProfile p = plan.execute().profile();
                copiedOnce(device, p, in, TO_DEVICE);
                copiedOnce(device, p, out, TO_HOST);
                expectAddOne(in, out, 1f);
                assertTrue(p.totalHostNanos() > 0 && p.kernelNanos("k") >= 0);
            }
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void underDemandCopiesOnlyWhenAsked(String device) {
        FloatArray in = ramp(), out = new FloatArray(N);
        TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::addOne, new KernelContext(), in, out, N)
                .transferToHost(UNDER_DEMAND, out);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("t.k", grid1D(N))) {
            Check.poison(out);
            ExecutionResult result = plan.execute();
            assertEquals(0, result.profile().copies(out, TO_HOST), "UNDER_DEMAND output copied without being asked");
            if (!isJvm(device)) assertTrue(Float.isNaN(out.get(0)) && Float.isNaN(out.get(N - 1)), "host copy changed without a transfer");
            result.transferToHost(out);
            copiedOnce(device, result.profile(), out, TO_HOST);
            expectAddOne(in, out, 1f);
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void intermediatesStayOnTheDeviceBetweenTasks(String device) {
        FloatArray in = ramp(), tmp = new FloatArray(N), out = new FloatArray(N);
        TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("first", ConformanceKernels::addOne, new KernelContext(), in, tmp, N)
                .task("second", ConformanceKernels::scale, new KernelContext(), tmp, out, 2f, N)
                .transferToHost(EVERY_EXECUTION, out);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)
                .withGrid("first", grid1D(N)).withGrid("t.second", grid1D(N))) {
            for (int run = 0; run < 2; run++) {
                Check.poison(tmp);
                Check.poison(out);
                ExecutionProfile p = plan.execute().profile();
                assertEquals(0, p.copies(tmp, TO_DEVICE) + p.copies(tmp, TO_HOST), "the intermediate was copied");
                expectAddOne(in, out, 2f);
                if (!isJvm(device)) assertTrue(Float.isNaN(tmp.get(0)), "the intermediate reached the host without a transfer");
                assertEquals(2, p.kernelTimes().size());
            }
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void graphsOfOnePlanShareDeviceData(String device) {
        FloatArray in = ramp(), tmp = new FloatArray(N), out = new FloatArray(N);
        TaskGraph producer = new TaskGraph("p").transferToDevice(FIRST_EXECUTION, in)
                .task("k", ConformanceKernels::addOne, new KernelContext(), in, tmp, N);
        TaskGraph consumer = new TaskGraph("c").task("k", ConformanceKernels::scale, new KernelContext(), tmp, out, 3f, N)
                .transferToHost(EVERY_EXECUTION, out);
        try (ExecutionPlan plan = new ExecutionPlan(producer.snapshot(), consumer.snapshot()).withDevice(device)
                .withGrid("p.k", grid1D(N)).withGrid("c.k", grid1D(N))) {
            Check.poison(out);
            ExecutionProfile p = plan.execute().profile();
            expectAddOne(in, out, 3f);
            assertEquals(0, p.copies(tmp, TO_HOST));
        }
    }
}
