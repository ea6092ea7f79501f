package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.api.KernelCompilationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.mamba2j.tornado.conformance.ElementwiseConformanceTest.DEVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java outside the kernel subset is refused on every device, the JVM included, with the JIT's message. */
class RefusalConformanceTest {
    @ParameterizedTest @MethodSource(DEVICES)
    void javaOutsideTheSubsetIsRefusedWithTheSameMessage(String device) {
        IntArray out = new IntArray(8);
        TaskGraph g = new TaskGraph("t").task("k", RefusedKernels::outsideTheSubset, new KernelContext(), out, 8);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("k", WorkerGrid.of1D(8))) {
            RuntimeException e = assertThrows(RuntimeException.class, plan::execute);
            KernelCompilationException cause = null;
            for (Throwable t = e; t != null && cause == null; t = t.getCause()) if (t instanceof KernelCompilationException k) cause = k;
            assertNotNull(cause, "refused by the JIT: " + e);
            assertTrue(e.getMessage().contains("t.k") && e.getMessage().contains(device), e.getMessage());
            assertTrue(cause.getMessage().contains("outsideTheSubset") && cause.getMessage().contains("bitCount"), cause.getMessage());
            assertEquals(0, out.get(0), "nothing ran");
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void localArraysSizedByDataAreRefused(String device) {
        IntArray sizes = IntArray.fromArray(new int[] {4}), out = new IntArray(8);
        TaskGraph g = new TaskGraph("t").transferToDevice(dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION, sizes)
                .task("k", RefusedKernels::localSizeFromData, new KernelContext(), sizes, out);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("k", WorkerGrid.of1D(8))) {
            RuntimeException e = assertThrows(RuntimeException.class, plan::execute);
            assertTrue(e.getCause() instanceof KernelCompilationException && e.getMessage().contains("constant"), e.toString());
            assertEquals(0, out.get(0), "nothing ran");
        }
    }
}
