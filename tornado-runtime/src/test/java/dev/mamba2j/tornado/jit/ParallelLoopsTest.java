package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.api.annotations.Parallel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.conformance.ConformanceKernels;
import dev.mamba2j.tornado.conformance.ParallelKernels;
import dev.mamba2j.tornado.jit.loops.ParallelLoop;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the JIT tells the runtime about @Parallel loops: dimensions, and trip counts evaluated from arguments. */
class ParallelLoopsTest {
    static void halfBound(IntArray out, int n) {
        for (@Parallel int i = 0; i < half(n); i++) out.set(i, i);
    }

    static int half(int n) { return n / 2; }

    static void minBound(IntArray out, int n) {
        for (@Parallel int i = 0; i < Math.min(n, out.getSize()); i++) out.set(i, i);
    }

    static void wideBound(IntArray out, long n) {
        int m = (int) (n >> 3);
        for (@Parallel int i = 0; i < m; i++) out.set(i, i);
    }

    static void branchyBound(IntArray out, int n, boolean twice) {
        int m = twice ? 2 * n : n;
        for (@Parallel int i = 0; i < m; i++) out.set(i, i);
    }

    static void floatBound(IntArray out, float n) {
        for (@Parallel int i = 0; i < (int) n; i++) out.set(i, i);
    }

    private static Method method(Class<?> c, String name) {
        for (Method m : c.getDeclaredMethods()) if (m.getName().equals(name)) return m;
        throw new AssertionError(name);
    }

    private static List<ParallelLoop> loops(Class<?> c, String name) { return KernelJit.parallelLoops(method(c, name)); }

    private static ParallelLoop only(Class<?> c, String name) {
        List<ParallelLoop> l = loops(c, name);
        assertEquals(1, l.size(), name);
        return l.getFirst();
    }

    @Test
    void kernelContextKernelsHaveNoLoops() {
        assertTrue(loops(ConformanceKernels.class, "addOne").isEmpty());
    }

    @Test
    void tripCountsFromArgumentsAndArraySizes() {
        assertEquals(100, only(ParallelKernels.class, "add").tripCount(new Object[] {null, null, new FloatArray(100)}));
        ParallelLoop strided = only(ParallelKernels.class, "strided");
        assertEquals(98, strided.tripCount(new Object[] {null, null, 7, 3, 300}));
        assertEquals(0, strided.tripCount(new Object[] {null, null, 40, 5, 20}));
        ParallelLoop inclusive = only(ParallelKernels.class, "inclusiveStep");
        assertTrue(inclusive.inclusive());
        assertEquals(13, inclusive.tripCount(new Object[] {null, 100}), "i = 3, 7, ..., 51");
        assertEquals(1, inclusive.tripCount(new Object[] {null, 4}), "i = 3");
        assertEquals(0, inclusive.tripCount(new Object[] {null, 0}));
    }

    @Test
    void boundsThroughHelpersMinAndLongArithmetic() {
        assertEquals(21, only(ParallelLoopsTest.class, "halfBound").tripCount(new Object[] {null, 43}));
        assertEquals(8, only(ParallelLoopsTest.class, "minBound").tripCount(new Object[] {new IntArray(8), 50}));
        assertEquals(5, only(ParallelLoopsTest.class, "minBound").tripCount(new Object[] {new IntArray(8), 5}));
        assertEquals(1 << 27, only(ParallelLoopsTest.class, "wideBound").tripCount(new Object[] {null, 1L << 30}));
    }

    @Test
    void nestsMapTheInnermostLoopOntoX() {
        List<ParallelLoop> mm = loops(ParallelKernels.class, "matmul");
        assertEquals(List.of("i", "j"), mm.stream().map(ParallelLoop::variable).toList());
        assertEquals(List.of(1, 0), mm.stream().map(ParallelLoop::dimension).toList());
        assertEquals(List.of(2, 1, 0), loops(ParallelKernels.class, "ids3D").stream().map(ParallelLoop::dimension).toList());
    }

    @Test
    void valuesTheHostCannotComputeSayWhy() {
        assertEquals("its bound reads array elements, which the host does not read before a launch",
                only(ParallelKernels.class, "boundFromData").uncountableReason());
        List<ParallelLoop> triangle = loops(ParallelKernels.class, "upperTriangle");
        assertNull(triangle.get(0).uncountableReason());
        assertEquals("its start depends on a work-item id (the variable of an enclosing parallel loop)", triangle.get(1).uncountableReason());
        assertTrue(only(ParallelLoopsTest.class, "branchyBound").uncountableReason().startsWith("its bound depends on a branch or a loop before it"));
        assertEquals("its bound uses floating-point values", only(ParallelLoopsTest.class, "floatBound").uncountableReason());
    }

    @Test
    void aStepThatIsNotPositiveIsRefusedAtLaunch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> only(ParallelKernels.class, "strided").tripCount(new Object[] {null, null, 0, -2, 10}));
        assertTrue(e.getMessage().endsWith(" has step -2 with these arguments; it must count up (a positive step)"), e.getMessage());
    }
}
