package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.regex.Pattern;

import static dev.mamba2j.tornado.conformance.ElementwiseConformanceTest.DEVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loop shapes the JIT cannot map onto a grid, and grids that do not fit the loops, are refused on
 * every device with these messages, before anything runs. A JIT message starts with the position
 * {@code pkg.Cls.method(File.java:LINE) bci N}; the line and bci are matched as numbers.
 */
class ParallelRefusalConformanceTest {
    private static final String FORM = "for (@Parallel int i = start; i < bound; i += step), or i <= bound";
    private static final int N = 16;
    private final IntArray in = new IntArray(N), out = new IntArray(N);

    /** The regular expression of a JIT message at a position in {@code method} of {@code cls}. */
    private static String at(Class<?> cls, String method, String message) {
        return Pattern.quote(cls.getName() + "." + method + "(" + cls.getSimpleName() + ".java:") + "\\d+\\) bci \\d+: " + message;
    }

    private static String refused(String method, String message) { return at(RefusedParallelKernels.class, method, Pattern.quote(message)); }

    /** Runs the graph's task "t.k" (with {@code grid} if given) and returns the JIT's refusal. */
    private KernelCompilationException jitRefusal(String device, TaskGraph g, WorkerGrid grid) {
        out.init(7);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)) {
            if (grid != null) plan.withGrid("t.k", grid);
            RuntimeException e = assertThrows(RuntimeException.class, plan::execute);
            assertTrue(e.getMessage().startsWith("task t.k (RefusedParallelKernels."), e.getMessage());
            assertTrue(e.getMessage().contains(" cannot run on " + device + ": "), e.getMessage());
            KernelCompilationException cause = null;
            for (Throwable t = e; t != null && cause == null; t = t.getCause()) if (t instanceof KernelCompilationException k) cause = k;
            assertNotNull(cause, "refused by the JIT: " + e);
            assertEquals(7, out.get(0), "nothing ran");
            return cause;
        }
    }

    private void assertRefused(String device, TaskGraph g, String regex) { assertMatches(regex, jitRefusal(device, g, null).getMessage()); }

    private static void assertMatches(String regex, String message) {
        assertTrue(Pattern.compile(regex).matcher(message).matches(), "message\n  " + message + "\ndoes not match\n  " + regex);
    }

    private static TaskGraph graph() { return new TaskGraph("t"); }

    @ParameterizedTest @MethodSource(DEVICES)
    void aBoundThatChangesInsideTheLoop(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::boundChanges, out, N),
                refused("boundChanges", "the bound of the parallel loop over i changes inside the loop (n is assigned in it)"));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aStepThatChangesInsideTheLoop(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::stepChanges, out, N),
                refused("stepChanges", "the step of the parallel loop over i changes inside the loop (s is assigned in it)"));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void theLoopVariableAssignedInTheBody(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::assignsLoopVariable, out, N),
                refused("assignsLoopVariable", "assigns the loop variable i inside its parallel loop"));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aParallelLoopInsideASequentialLoop(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::insideSequentialLoop, out, N),
                at(RefusedParallelKernels.class, "insideSequentialLoop", Pattern.quote("the parallel loop over i is inside the sequential loop of line ")
                        + "\\d+" + Pattern.quote(": every work-item would run that loop; make it a task of its own, or the outer loop parallel too")));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aBreakOutOfTheLoop(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::breakOut, in, out, N),
                refused("breakOut", "break out of the parallel loop over i (its iterations run on separate work-items, so none can end the others)"));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aReturnInsideTheLoop(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::returnInside, in, out, N),
                refused("returnInside", "return inside the parallel loop over i (Java would end the whole loop; its iterations run on separate work-items)"));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aValueCarriedFromIterationToIteration(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::reduction, in, out, N),
                refused("reduction", "assigns sum, a local variable declared before the parallel loop over i: the iterations run on separate "
                        + "work-items, so no value carries from one to the next (reductions are not supported)"));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aLoopThatCountsDown(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::countsDown, out, N),
                refused("countsDown", "the condition of the parallel loop over i must be i < bound or i <= bound, with an int bound: " + FORM));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aStepOfZero(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::zeroStep, out, N),
                refused("zeroStep", "the parallel loop over i must count up (a positive step, got 0): " + FORM));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void twoLoopsSideBySide(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::notNested, out, N),
                refused("notNested", "the parallel loops over i and j are not nested: a task has one nest of up to 3 parallel loops "
                        + "(split the others into tasks of their own)"));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void fourNestedLoops(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::fourDeep, out, N),
                refused("fourDeep", "more than 3 nested parallel loops (a grid has three dimensions)"));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aParallelVariableThatCountsNoLoop(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::notALoop, out, N),
                refused("notALoop", "@Parallel marks x, which is not the counter of a for loop as javac compiles it: " + FORM));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aLongLoopVariable(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::longVariable, out, N),
                refused("longVariable", "the @Parallel loop variable i must be an int"));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aWriteOutsideTheLoop(String device) {
        assertRefused(device, graph().task("k", RefusedParallelKernels::writesOutsideTheLoop, out, N),
                refused("writesOutsideTheLoop", "writes memory outside the innermost @Parallel loop (every work-item runs the code there, "
                        + "where Java runs it once); write only in the body of the innermost parallel loop"));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aKernelContextAndParallelLoopsTogether(String device) {
        assertMatches(refused("contextAndParallelLoop", "a task method takes its ids either from a KernelContext or from @Parallel loops, not both"),
                jitRefusal(device, graph().task("k", RefusedParallelKernels::contextAndParallelLoop, new KernelContext(), out, N),
                        WorkerGrid.of1D(N)).getMessage());
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aParallelLoopInAHelper(String device) {
        assertMatches(refused("callsAParallelHelper", "calls " + RefusedParallelKernels.class.getName()
                        + ".fill, which has a @Parallel loop: parallel loops belong in the task method itself"),
                jitRefusal(device, graph().task("k", RefusedParallelKernels::callsAParallelHelper, out, N), WorkerGrid.of1D(N)).getMessage());
    }

    // ---- grids ----

    private static RuntimeException gridRefusal(String device, TaskGraph g, WorkerGrid grid) {
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)) {
            if (grid != null) plan.withGrid("t.k", grid);
            return assertThrows(RuntimeException.class, plan::execute);
        }
    }

    /** A runtime message naming a loop of ParallelKernels.method: {@code before} its position, {@code after} it; the line matched as a number. */
    private static String atLoop(String before, String method, String after) {
        return Pattern.quote(before + ParallelKernels.class.getName() + "." + method + "(ParallelKernels.java:") + "\\d+" + Pattern.quote(")" + after);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aBoundTheHostCannotEvaluateNeedsAGrid(String device) {
        IntArray sizes = IntArray.fromArray(new int[] {8});
        RuntimeException e = gridRefusal(device, graph().task("k", ParallelKernels::boundFromData, sizes, new IntArray(8)), null);
        assertEquals(IllegalStateException.class, e.getClass());
        assertMatches(atLoop("task t.k has no grid, and the parallel loop over i at ", "boundFromData", " cannot size one: its bound reads "
                + "array elements, which the host does not read before a launch. Call withGrid(\"t.k\", WorkerGrid.of1D(...)) with a global "
                + "size of at least its iterations"), e.getMessage());
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aGridSmallerThanTheLoopIsRefused(String device) {
        FloatArray a = new FloatArray(100), b = new FloatArray(100), c = new FloatArray(100);
        RuntimeException e = gridRefusal(device, graph().task("k", ParallelKernels::add, a, b, c), WorkerGrid.of1D(99).setLocalWork(32));
        assertEquals(IllegalArgumentException.class, e.getClass());
        assertMatches(atLoop("task t.k: the grid's global size 99 in dimension x is smaller than the 100 iterations of the parallel loop over i at ",
                "add", "; give at least 100, or no grid to take it from the loop"), e.getMessage());
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aGridWithTheWrongDimensionsIsRefused(String device) {
        FloatArray a = new FloatArray(6), b = new FloatArray(6), c = new FloatArray(4);
        RuntimeException e = gridRefusal(device, graph().task("k", ParallelKernels::matmul, a, b, c, 2, 2, 3), WorkerGrid.of1D(4));
        assertEquals(IllegalArgumentException.class, e.getClass());
        assertEquals("task t.k has 2 nested parallel loops (x: j, y: i), so its grid needs 2 dimensions, got WorkerGrid1D(global=[4], local=null)",
                e.getMessage());
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aStepThatIsNotPositiveAtLaunchIsRefused(String device) {
        FloatArray a = new FloatArray(10), b = new FloatArray(10);
        b.init(5f);
        RuntimeException e = gridRefusal(device, graph().task("k", ParallelKernels::strided, a, b, 0, 0, 10), null);
        assertEquals(IllegalArgumentException.class, e.getClass());
        assertMatches(atLoop("task t.k: the parallel loop over i at ", "strided", " has step 0 with these arguments; it must count up (a positive step)"),
                e.getMessage());
        assertEquals(5f, b.get(0), "nothing ran");
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aKernelContextTaskStillNeedsAGrid(String device) {
        RuntimeException e = gridRefusal(device, graph().task("k", ConformanceKernels::globalSize, new KernelContext(), new IntArray(4), 4), null);
        assertEquals("task t.k has no grid: call withGrid(\"t.k\", WorkerGrid.of1D(n)) (only a task with @Parallel loops can take its grid from them)",
                e.getMessage());
    }

    @Test
    void aTaskMethodThatIsNoKernelIsRefusedByTaskGraph() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> graph().task("k", RefusedParallelKernels::unmarked, new KernelContext(), new IntArray(4), 4));
        assertEquals("task t.k (" + RefusedParallelKernels.class.getName() + ".unmarked): a task method must be a kernel: annotate it @Kernel "
                + "(dev.mamba2j.tornado.api.annotations.Kernel), or write its parallel loops as for (@Parallel int i = ...)", e.getMessage());
    }
}
