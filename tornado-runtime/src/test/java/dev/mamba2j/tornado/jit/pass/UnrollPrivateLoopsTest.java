package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.runtime.Compilation;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;
import dev.mamba2j.tornado.emit.ptx.PtxPrinter;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.jit.KernelJit;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Unrolling of counted loops over private arrays, and the scalar replacement that follows. */
class UnrollPrivateLoopsTest {
    static final PtxTarget HOPPER = PtxTarget.forDevice(9, 0, 13000);

    /** A state of n floats (n sizes the array, so it is specialised) updated over len steps. */
    @Kernel
    public static void privateState(KernelContext ctx, FloatArray x, FloatArray y, int n, int len) {
        int i = ctx.globalIdx;
        float[] h = new float[n];
        for (int t = 0; t < len; t++) {
            float out = 0f;
            for (int s = 0; s < n; s++) {
                h[s] = h[s] * 0.5f + x.get(t * n + s);
                out += h[s];
            }
            y.set(t * 64 + i, out);
        }
    }

    /** The bound m does not size an array: it stays a runtime value, so the loop stays a loop. */
    @Kernel
    public static void variableBound(KernelContext ctx, FloatArray x, FloatArray y, int m) {
        float[] acc = new float[8];
        for (int s = 0; s < m; s++) acc[s & 7] += x.get(s);
        for (int s = 0; s < m; s++) y.set(s, acc[s]);
    }

    static Method kernel(String name) { return kernel(UnrollPrivateLoopsTest.class, name); }

    static Method kernel(Class<?> owner, String name) {
        return Arrays.stream(owner.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    static long privateAccesses(Function f) {
        long k = 0;
        for (Block b : f.blocks())
            for (Instr i : b.instrs())
                if (i.array() != null && i.array().space() == Space.PRIVATE) k++;
        return k;
    }

    static boolean hasBackEdge(Function f) {
        Map<Integer, Integer> order = new java.util.HashMap<>();
        for (int k = 0; k < f.blocks().size(); k++) order.put(f.blocks().get(k).id(), k);
        for (Block b : f.blocks())
            for (int s : b.term().successors()) if (order.get(s) <= order.get(b.id())) return true;
        return false;
    }

    @Test
    void unrollsTheLoopAndTheArrayBecomesVariables() {
        Function f = KernelJit.optimised(kernel("privateState"), Map.of(3, 16));
        assertEquals(0, privateAccesses(f), f.toString());
        assertTrue(f.allocations().isEmpty(), f.toString());
        // The outer loop over t has a runtime bound and stays.
        assertTrue(hasBackEdge(f), f.toString());
        String ptx = Compilation.compile(kernel("privateState"), new Object[] {null, null, null, 16, 10}, new PtxPrinter(HOPPER)).code().text();
        assertFalse(ptx.contains(".local"), ptx);
        String cl = Compilation.compile(kernel("privateState"), new Object[] {null, null, null, 16, 10}, OpenClPrinter.PORTABLE).code().text();
        assertFalse(cl.matches("(?s).*h_p\\d+\\[.*"), "no private array is left:\n" + cl);
    }

    @Test
    void leavesLoopsWithARuntimeBoundAlone() {
        Function f = KernelJit.optimised(kernel("variableBound"), Map.of());
        assertTrue(privateAccesses(f) > 0, f.toString());
        assertEquals(1, f.allocations().size(), f.toString());
        assertTrue(hasBackEdge(f), f.toString());
        String ptx = Compilation.compile(kernel("variableBound"), null, new PtxPrinter(HOPPER)).code().text();
        assertTrue(ptx.contains(".local"), ptx);
    }

    @Test
    void longLoopsAreNotUnrolled() {
        Function f = KernelJit.optimised(kernel("privateState"), Map.of(3, UnrollPrivateLoops.MAX_TRIPS + 1));
        assertTrue(privateAccesses(f) > 0, f.toString());
    }

    @Test
    void aLoopRunningZeroTimesDisappears() {
        Function f = KernelJit.optimised(kernel("privateState"), Map.of(3, 1));
        assertEquals(0, privateAccesses(f), f.toString());
    }
}
