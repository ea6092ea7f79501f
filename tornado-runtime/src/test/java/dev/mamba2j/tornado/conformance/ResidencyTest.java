package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.FIRST_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checked mode's residency rules, the same on every device, the JVM device included: a task that reads an
 * array never sent nor written before it fails naming the task, the parameter and the array; an output
 * copied back where nothing was written fails with how many elements and the first; and a kernel sees
 * the device's copy of an array, not the host's. The kernels here are compiled only by this test, with
 * {@code mamba2j.checked} set.
 */
class ResidencyTest {
    private static String before;

    @BeforeAll static void checkedOn() { before = System.setProperty("mamba2j.checked", "true"); }

    @AfterAll static void checkedOff() {
        if (before == null) System.clearProperty("mamba2j.checked");
        else System.setProperty("mamba2j.checked", before);
    }

    @Kernel
    public static void twice(KernelContext ctx, FloatArray source, FloatArray target) {
        target.set(ctx.globalIdx, 2 * source.get(ctx.globalIdx));
    }

    /** Reads {@code gate} only where {@code gated} is set, as a layer without a gate leaves its array unused. */
    @Kernel
    public static void maybeGated(KernelContext ctx, FloatArray x, FloatArray gate, FloatArray y, int gated) {
        int i = ctx.globalIdx;
        float v = x.get(i);
        if (gated != 0) v *= gate.get(i);
        y.set(i, v);
    }

    /** Writes the even elements only. */
    @Kernel
    public static void evens(KernelContext ctx, IntArray out) {
        out.set(2 * ctx.globalIdx, ctx.globalIdx);
    }

    /**
     * The shape of the SSD's per-sequence states: a work-group whose range is empty returns before the
     * barrier (uniform), the others read {@code scale} and stage fp32 or bf16 values in local memory.
     * Every array is sent, so checked mode must report nothing.
     */
    @Kernel
    public static void rangeSums(KernelContext ctx, FloatArray f, BFloat16Array h, IntArray bounds, FloatArray scale, FloatArray out,
                                 int width, int step, boolean half) {
        int n = ctx.localIdx, group = ctx.groupIdx;
        int begin = bounds.get(group), end = bounds.get(group + 1);
        if (begin == end) { // uniform across the work-group
            out.set(group * step + n, 0f);
            return;
        }
        float last = scale.get(end - 1);
        float[] w = ctx.allocateFloatLocalArray(width);
        for (int t = n; t < width; t += step) {
            float v = 0f;
            if (begin + t < end) v = (half ? h.get(begin + t) : f.get(begin + t)) * (float) Math.exp(last - scale.get(begin + t));
            w[t] = v;
        }
        ctx.localBarrier();
        float acc = 0f;
        for (int t = 0; t < width; t++) acc += w[t] * (half ? h.get(begin + n) : f.get(begin + n));
        out.set(group * step + n, acc);
    }

    private static final WorkerGrid GRID = WorkerGrid.of1D(64).setLocalWork(32);

    /**
     * Every array sent, on both paths of a kernel that returns early before its barrier: nothing to report.
     * The residency flags once lived in the kernel's entry block as booleans, and PoCL's compiler let such
     * a value, live across the region it splits at the branch to the barrier, read as set.
     */
    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void aKernelReturningEarlyBeforeItsBarrierReadsWhatWasSent(String id) {
        int width = 32, step = 8, groups = 6, size = 300;
        FloatArray f = new FloatArray(size), scale = new FloatArray(size), out = new FloatArray(groups * step);
        BFloat16Array h = new BFloat16Array(size);
        IntArray bounds = new IntArray(groups + 1);
        int[] cuts = {0, 40, 40, 100, 180, 180, 256};
        for (int i = 0; i <= groups; i++) bounds.set(i, cuts[i]);
        for (int i = 0; i < size; i++) {
            f.set(i, i % 7);
            h.set(i, i % 7);
            scale.set(i, 0.01f * (i % 5));
        }
        for (boolean half : new boolean[] {false, true}) {
            TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, f, h, bounds, scale)
                    .task("k", ResidencyTest::rangeSums, new KernelContext(), f, h, bounds, scale, out, width, step, half)
                    .transferToHost(EVERY_EXECUTION, out);
            Conformance.runOnce(id, g, WorkerGrid.of1D(groups * step).setLocalWork(step));
            for (int gr = 0; gr < groups; gr++) {
                int begin = cuts[gr], end = cuts[gr + 1];
                for (int n = 0; n < step; n++) {
                    double expected = 0;
                    if (begin != end)
                        for (int t = 0; t < width && begin + t < end; t++)
                            expected += (begin + t) % 7 * Math.exp(0.01 * ((end - 1) % 5) - 0.01 * ((begin + t) % 5)) * ((begin + n) % 7);
                    assertEquals(expected, out.get(gr * step + n), 1e-3 * Math.max(1, Math.abs(expected)),
                            (half ? "bf16" : "fp32") + " group " + gr + " element " + n);
                }
            }
        }
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void aReadOfAnArrayNeverSentNamesTheTaskTheParameterAndTheArray(String id) {
        FloatArray source = new FloatArray(64), target = new FloatArray(64);
        TaskGraph g = new TaskGraph("t").task("k", ResidencyTest::twice, new KernelContext(), source, target)
                .transferToHost(EVERY_EXECUTION, target);
        String m = assertThrows(IllegalStateException.class, () -> Conformance.runOnce(id, g, GRID)).getMessage();
        assertTrue(m.contains("task t.k (kernel ResidencyTest.twice)") && m.contains("parameter source") && m.contains("FloatArray[64]")
                && m.contains("never sent"), m);
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void anArrayWrittenByAnEarlierTaskNeedsNoTransfer(String id) {
        FloatArray a = new FloatArray(64), b = new FloatArray(64), c = new FloatArray(64);
        for (int i = 0; i < 64; i++) a.set(i, i);
        TaskGraph g = new TaskGraph("t").transferToDevice(FIRST_EXECUTION, a)
                .task("first", ResidencyTest::twice, new KernelContext(), a, b)
                .task("second", ResidencyTest::twice, new KernelContext(), b, c).transferToHost(EVERY_EXECUTION, c);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot())) {
            plan.withDevice(id).withGrid("t.first", GRID).withGrid("t.second", GRID).execute();
            plan.execute();
        }
        for (int i = 0; i < 64; i++) assertEquals(4f * i, c.get(i), "element " + i);
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void anArrayThatIsNotReadNeedsNoTransfer(String id) {
        FloatArray x = new FloatArray(64), unused = new FloatArray(1), y = new FloatArray(64);
        x.init(3);
        TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, x)
                .task("k", ResidencyTest::maybeGated, new KernelContext(), x, unused, y, 0).transferToHost(EVERY_EXECUTION, y);
        Conformance.runOnce(id, g, GRID);
        for (int i = 0; i < 64; i++) assertEquals(3f, y.get(i), "element " + i);
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void aGraphRunAloneMayNotReadWhatAnotherGraphSends(String id) {
        FloatArray a = new FloatArray(64), b = new FloatArray(64);
        TaskGraph send = new TaskGraph("send").transferToDevice(FIRST_EXECUTION, a).task("k", ResidencyTest::twice, new KernelContext(), a, b);
        TaskGraph use = new TaskGraph("use").task("k", ResidencyTest::twice, new KernelContext(), a, b).transferToHost(EVERY_EXECUTION, b);
        try (ExecutionPlan plan = new ExecutionPlan(send.snapshot(), use.snapshot())) {
            plan.withDevice(id).withGrid("send.k", GRID).withGrid("use.k", GRID);
            String m = assertThrows(IllegalStateException.class, () -> plan.withGraph(1).execute()).getMessage();
            assertTrue(m.contains("task use.k") && m.contains("parameter source"), m);
            plan.withGraph(0).execute();
            plan.withGraph(1).execute(); // sent by the first graph now
        }
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void aCopyBackOfElementsNeverWrittenSaysHowManyAndTheFirst(String id) {
        IntArray out = new IntArray(128);
        TaskGraph g = new TaskGraph("t").task("k", ResidencyTest::evens, new KernelContext(), out).transferToHost(EVERY_EXECUTION, out);
        String m = assertThrows(IllegalStateException.class, () -> Conformance.runOnce(id, g, GRID)).getMessage();
        assertTrue(m.contains("copy back of IntArray[128]") && m.contains("t.k's out") && m.contains("64 of its 128 elements")
                && m.contains("the first at index 1"), m);
        for (int i = 0; i < 128; i++) assertEquals(i % 2 == 0 ? i / 2 : 0xA5A5A5A5, out.get(i), "element " + i);
    }

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void kernelsSeeTheDevicesCopyNotTheHostArray(String id) {
        FloatArray a = new FloatArray(64), b = new FloatArray(64), notCopiedBack = new FloatArray(64);
        a.init(1);
        TaskGraph g = new TaskGraph("t").transferToDevice(FIRST_EXECUTION, a)
                .task("k", ResidencyTest::twice, new KernelContext(), a, b)
                .task("k2", ResidencyTest::twice, new KernelContext(), a, notCopiedBack).transferToHost(EVERY_EXECUTION, b);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot())) {
            plan.withDevice(id).withGrid("t.k", GRID).withGrid("t.k2", GRID).execute();
            a.init(5); // the device keeps what the first execution sent
            plan.execute();
        }
        for (int i = 0; i < 64; i++) {
            assertEquals(2f, b.get(i), "element " + i);
            assertEquals(0f, notCopiedBack.get(i), "never copied back: element " + i);
        }
    }
}
