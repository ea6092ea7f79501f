package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Checked mode on every device: an access outside an array (global or local) fails the execution naming
 * the kernel, the access, the index, the length and the work-item; kernels that stay in bounds compute
 * what they compute without the checks; device buffers start out poisoned. The kernels here are compiled only by this test,
 * with {@code mamba2j.checked} set.
 */
class CheckedBoundsTest {
    private static String before;

    @BeforeAll static void checkedOn() { before = System.setProperty("mamba2j.checked", "true"); }

    @AfterAll static void checkedOff() {
        if (before == null) System.clearProperty("mamba2j.checked");
        else System.setProperty("mamba2j.checked", before);
    }

    /** out[i] = in[i + 1]: the last work-item reads one past the end. */
    @Kernel
    public static void readsOnePastTheEnd(KernelContext ctx, FloatArray in, FloatArray out, int n) {
        int i = ctx.globalIdx;
        if (i < n) out.set(i, in.get(i + 1));
    }

    /** Each work-item writes loc[lid + 1]: the last of each group writes past the local array. */
    @Kernel
    public static void writesPastLocal(KernelContext ctx, IntArray out) {
        int[] loc = ctx.allocateIntLocalArray(64);
        loc[(ctx.localIdx + 1) & 127] = ctx.globalIdx;
        ctx.localBarrier();
        out.set(ctx.globalIdx, loc[ctx.localIdx]);
    }

    /** In bounds: a neighbour exchange through local memory. */
    @Kernel
    public static void neighbours(KernelContext ctx, IntArray in, IntArray out) {
        int[] loc = ctx.allocateIntLocalArray(64);
        loc[ctx.localIdx] = in.get(ctx.globalIdx) * 3;
        ctx.localBarrier();
        out.set(ctx.globalIdx, loc[(ctx.localIdx + 1) & 63]);
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void aGlobalReadPastTheEndNamesTheAccessAndTheWorkItem(String id) {
        assumeFalse(Devices.get(id).backend() == Backend.JVM, "the JVM device's arrays check their own bounds");
        int n = 100;
        FloatArray in = new FloatArray(n), out = new FloatArray(n);
        TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", CheckedBoundsTest::readsOnePastTheEnd, new KernelContext(), in, out, n).transferToHost(EVERY_EXECUTION, out);
        String m = assertThrows(IndexOutOfBoundsException.class, () -> Conformance.runOnce(id, g, WorkerGrid.of1D(128).setLocalWork(64))).getMessage();
        assertTrue(m.contains("readsOnePastTheEnd") && m.contains("load of in") && m.contains("at index 100, outside [0, 100)")
                && m.contains("work-item (99, 0, 0)"), m);
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void aLocalWritePastTheEndIsCaught(String id) {
        assumeFalse(Devices.get(id).backend() == Backend.JVM, "the JVM device's arrays check their own bounds");
        IntArray out = new IntArray(128);
        TaskGraph g = new TaskGraph("t").task("k", CheckedBoundsTest::writesPastLocal, new KernelContext(), out).transferToHost(EVERY_EXECUTION, out);
        String m = assertThrows(IndexOutOfBoundsException.class, () -> Conformance.runOnce(id, g, WorkerGrid.of1D(128).setLocalWork(64))).getMessage();
        assertTrue(m.contains("writesPastLocal") && m.contains("store to loc") && m.contains("at index 64, outside [0, 64)") && m.contains("2 accesses"), m);
    }

    /** out[2i] = in[i]: the odd elements are never written. */
    @Kernel
    public static void evensOnly(KernelContext ctx, IntArray in, IntArray out) {
        out.set(2 * ctx.globalIdx, in.get(ctx.globalIdx));
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void deviceBuffersArePoisonedWhenAllocated(String id) {
        IntArray in = new IntArray(64), out = new IntArray(128);
        in.init(7);
        TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", CheckedBoundsTest::evensOnly, new KernelContext(), in, out).transferToHost(EVERY_EXECUTION, out);
        // the copy back is refused (ResidencyTest), after it has copied
        assertThrows(IllegalStateException.class, () -> Conformance.runOnce(id, g, WorkerGrid.of1D(64).setLocalWork(64)));
        for (int i = 0; i < 128; i++) assertEquals(i % 2 == 0 ? 7 : 0xA5A5A5A5, out.get(i), "element " + i);
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void kernelsInBoundsComputeTheSame(String id) {
        int n = 256;
        IntArray in = new IntArray(n), out = new IntArray(n);
        for (int i = 0; i < n; i++) in.set(i, i);
        TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", CheckedBoundsTest::neighbours, new KernelContext(), in, out).transferToHost(EVERY_EXECUTION, out);
        for (int run = 0; run < 2; run++) {
            Conformance.runOnce(id, g, WorkerGrid.of1D(n).setLocalWork(64));
            for (int i = 0; i < n; i++) assertEquals(3 * ((i / 64) * 64 + (i % 64 + 1) % 64), out.get(i), "element " + i);
        }
    }
}
