package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.jit.pass.BarrierDivergence;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checked mode's compile-time refusals: barriers some work-items of a group may not reach, oversized private arrays. */
class CheckedModeTest {
    public static void earlyReturnThenBarrier(KernelContext ctx, FloatArray out, int n) {
        float[] loc = ctx.allocateFloatLocalArray(64);
        if (ctx.globalIdx >= n) return;
        loc[ctx.localIdx] = 1f;
        ctx.localBarrier();
        out.set(ctx.globalIdx, loc[63 - ctx.localIdx]);
    }

    public static void barrierUnderLocalIdBranch(KernelContext ctx, FloatArray out) {
        float[] loc = ctx.allocateFloatLocalArray(64);
        loc[ctx.localIdx] = 1f;
        if (ctx.localIdx < 16) ctx.localBarrier();
        out.set(ctx.globalIdx, loc[63 - ctx.localIdx]);
    }

    public static void barrierUnderDataBranch(KernelContext ctx, FloatArray in, FloatArray out) {
        float[] loc = ctx.allocateFloatLocalArray(64);
        loc[ctx.localIdx] = 1f;
        if (in.get(ctx.globalIdx) > 0f) ctx.localBarrier();
        out.set(ctx.globalIdx, loc[63 - ctx.localIdx]);
    }

    /** The usual tree reduction: the branch on the id holds no barrier; the loop's bounds are uniform. */
    public static void treeReduction(KernelContext ctx, FloatArray in, FloatArray out, int n) {
        float[] loc = ctx.allocateFloatLocalArray(64);
        int lid = ctx.localIdx;
        loc[lid] = ctx.globalIdx < n ? in.get(ctx.globalIdx) : 0f;
        ctx.localBarrier();
        for (int s = 32; s > 0; s >>= 1) {
            if (lid < s) loc[lid] += loc[lid + s];
            ctx.localBarrier();
        }
        if (lid == 0) out.set(ctx.groupIdx, loc[0]);
    }

    /** Branches on the group id and on a value read at a uniform index are the same for the whole group. */
    public static void barrierUnderUniformBranches(KernelContext ctx, FloatArray in, FloatArray out) {
        float[] loc = ctx.allocateFloatLocalArray(64);
        loc[ctx.localIdx] = 2f;
        if (ctx.groupIdx % 2 == 0 && in.get(0) > 0f) ctx.localBarrier();
        out.set(ctx.globalIdx, loc[63 - ctx.localIdx]);
    }

    public static void bigPrivateArray(KernelContext ctx, FloatArray out) {
        float[] acc = new float[4096];
        for (int i = 0; i < acc.length; i++) acc[i] = i;
        out.set(ctx.globalIdx, acc[ctx.globalIdx & 4095]);
    }

    private static Method method(String name) {
        for (Method m : CheckedModeTest.class.getDeclaredMethods()) if (m.getName().equals(name)) return m;
        throw new IllegalArgumentException(name);
    }

    private static boolean divergent(String name) {
        return !BarrierDivergence.divergentBarriers(KernelJit.optimised(method(name), Map.of())).isEmpty();
    }

    @Test
    void barriersSomeWorkItemsMayNotReachAreFound() {
        assertTrue(divergent("earlyReturnThenBarrier"));
        assertTrue(divergent("barrierUnderLocalIdBranch"));
        assertTrue(divergent("barrierUnderDataBranch"));
    }

    @Test
    void barriersEveryWorkItemReachesPass() {
        assertEquals(false, divergent("treeReduction"));
        assertEquals(false, divergent("barrierUnderUniformBranches"));
    }

    @Test
    void checkedModeRefusesWithTheKernelsName() {
        String m = assertThrows(KernelCompilationException.class,
                () -> KernelJit.checkedMode(method("earlyReturnThenBarrier"), KernelJit.optimised(method("earlyReturnThenBarrier"), Map.of()))).getMessage();
        assertTrue(m.contains("CheckedModeTest.earlyReturnThenBarrier") && m.contains("every work-item of a group must reach every barrier"), m);
        m = assertThrows(KernelCompilationException.class,
                () -> KernelJit.checkedMode(method("bigPrivateArray"), KernelJit.optimised(method("bigPrivateArray"), Map.of()))).getMessage();
        assertTrue(m.contains("4096 elements per work-item") && m.contains("1024"), m);
        assertDoesNotThrow(() -> KernelJit.checkedMode(method("treeReduction"), KernelJit.optimised(method("treeReduction"), Map.of())));
    }
}
