package dev.mamba2j.tornado.api;

import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.conformance.ConformanceKernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Misuse of the API fails early with a message that says what to do. */
class PlanErrorsTest {
    private final FloatArray in = new FloatArray(8), out = new FloatArray(8);

    private TaskGraph graph() {
        return new TaskGraph("g").transferToDevice(DataTransferMode.EVERY_EXECUTION, in)
                .task("add", ConformanceKernels::addOne, new KernelContext(), in, out, 8)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
    }

    @Test
    void unknownTaskNameInWithGridListsTheTasks() {
        try (ExecutionPlan plan = new ExecutionPlan(graph().snapshot())) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> plan.withGrid("g.nope", WorkerGrid.of1D(8))), "nope", "g.add");
        }
    }

    @Test
    void gridAcceptsBothNameForms() {
        try (ExecutionPlan plan = new ExecutionPlan(graph().snapshot()).withDevice("jvm")) {
            plan.withGrid("add", WorkerGrid.of1D(8)).execute();
            plan.withGrid("g.add", WorkerGrid.of1D(8)).execute();
        }
    }

    @Test
    void ambiguousShortNameAcrossGraphsIsRefused() {
        TaskGraph other = new TaskGraph("h").task("add", ConformanceKernels::addOne, new KernelContext(), in, out, 8);
        try (ExecutionPlan plan = new ExecutionPlan(graph().snapshot(), other.snapshot())) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> plan.withGrid("add", WorkerGrid.of1D(8))), "ambiguous", "g.add", "h.add");
        }
    }

    @Test
    void taskWithoutGridIsRefusedWithTheFix() {
        try (ExecutionPlan plan = new ExecutionPlan(graph().snapshot()).withDevice("jvm")) {
            assertMessage(assertThrows(IllegalStateException.class, plan::execute), "g.add", "withGrid");
        }
    }

    @Test
    void argumentCountMismatch() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new TaskGraph("g").task("add", ConformanceKernels::addOne, new KernelContext(), in, out)), "takes 4 arguments, got 3");
    }

    @Test
    void argumentTypeMismatch() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new TaskGraph("g").task("add", ConformanceKernels::addOne, new KernelContext(), in, new IntArray(8), 8)),
                "argument 2", "FloatArray", "IntArray");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new TaskGraph("g").task("add", ConformanceKernels::addOne, new KernelContext(), in, out, 8L)),
                "argument 3", "int", "Long");
    }

    @Test
    void lambdaInsteadOfMethodReferenceIsRefused() {
        TornadoFunctions.Task4<KernelContext, FloatArray, FloatArray, Integer> lambda = (c, a, b, n) -> { };
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new TaskGraph("g").task("x", lambda, new KernelContext(), in, out, 8)), "method reference");
    }

    @Test
    void duplicateTaskNameIsRefused() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> graph().task("add", ConformanceKernels::addOne, new KernelContext(), in, out, 8)),
                "already has a task named 'add'");
    }

    @Test
    void closedPlanRefusesWork() {
        ExecutionPlan plan = new ExecutionPlan(graph().snapshot()).withDevice("jvm").withGrid("add", WorkerGrid.of1D(8));
        ExecutionResult result = plan.execute();
        plan.close();
        plan.close();
        assertTrue(plan.isClosed());
        assertMessage(assertThrows(IllegalStateException.class, plan::execute), "closed");
        assertMessage(assertThrows(IllegalStateException.class, () -> result.transferToHost(out)), "closed");
        assertMessage(assertThrows(IllegalStateException.class, () -> plan.withGrid("add", WorkerGrid.of1D(8))), "closed");
    }

    @Test
    void unknownDeviceListsTheAvailableIds() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new ExecutionPlan(graph().snapshot()).withDevice("cuda:9")), "cuda:9", "jvm");
    }

    @Test
    void transfersTakeOffHeapArraysOnly() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new TaskGraph("g").transferToDevice(DataTransferMode.EVERY_EXECUTION, new float[4])), "off-heap", "[F");
    }

    @Test
    void kernelFailureNamesTheKernelAndWorkItem() {
        FloatArray shortOut = new FloatArray(4);
        TaskGraph g = new TaskGraph("g").transferToDevice(DataTransferMode.EVERY_EXECUTION, in)
                .task("add", ConformanceKernels::addOne, new KernelContext(), in, shortOut, 8);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice("jvm").withGrid("add", WorkerGrid.of1D(8))) {
            assertMessage(assertThrows(RuntimeException.class, plan::execute), "addOne", "global id");
        }
    }

    @Test
    void profileNamesTasksQualified() {
        try (ExecutionPlan plan = new ExecutionPlan(graph().snapshot()).withDevice("jvm").withGrid("add", WorkerGrid.of1D(8))) {
            ExecutionProfile p = plan.execute().profile();
            assertEquals(java.util.List.of("g.add"), java.util.List.copyOf(p.kernelTimes().keySet()));
            assertThrows(IllegalArgumentException.class, () -> p.kernelNanos("other"));
        }
    }
}
