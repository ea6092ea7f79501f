package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A launch the device cannot run is refused before it is enqueued, naming the kernel, the size asked
 * for and the device's limit: a work-group larger than the device takes, local arrays larger than its
 * local memory.
 */
class LaunchLimitsTest {
    /** 16 Mi floats (64 MiB) of local memory: more than any device has. */
    @Kernel
    public static void hugeLocal(KernelContext ctx, FloatArray out) {
        float[] big = ctx.allocateFloatLocalArray(16 << 20);
        big[ctx.localIdx] = ctx.globalIdx;
        ctx.localBarrier();
        out.set(ctx.globalIdx, big[ctx.localIdx]);
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void workGroupsLargerThanTheDeviceTakesAreRefused(String id) {
        Device d = Devices.get(id);
        assumeFalse(d.backend() == dev.mamba2j.tornado.api.Backend.JVM, "the JVM device checks its own limit when it launches");
        int n = d.maxWorkGroupSize() * 2;
        FloatArray in = new FloatArray(n), out = new FloatArray(n);
        TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::addOne, new KernelContext(), in, out, n).transferToHost(EVERY_EXECUTION, out);
        String m = assertThrows(IllegalArgumentException.class, () -> Conformance.runOnce(id, g, WorkerGrid.of1D(n).setLocalWork(n))).getMessage();
        assertTrue(m.contains("addOne") && m.contains(n + " work-items") && m.contains(String.valueOf(d.maxWorkGroupSize())), m);
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void localArraysLargerThanLocalMemoryAreRefused(String id) {
        Device d = Devices.get(id);
        assumeFalse(d.backend() == dev.mamba2j.tornado.api.Backend.JVM, "local arrays of the JVM device are heap arrays");
        FloatArray out = new FloatArray(64);
        TaskGraph g = new TaskGraph("t").task("k", LaunchLimitsTest::hugeLocal, new KernelContext(), out).transferToHost(EVERY_EXECUTION, out);
        String m = assertThrows(IllegalArgumentException.class, () -> Conformance.runOnce(id, g, WorkerGrid.of1D(64).setLocalWork(64))).getMessage();
        assertTrue(m.contains("hugeLocal") && m.contains((64L << 20) + " bytes") && m.contains(d.localMemoryBytes() + " bytes of local memory"), m);
    }
}
