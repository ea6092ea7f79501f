package dev.mamba2j.tornado.driver.jvm;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.conformance.ConformanceKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Method;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmDriverTest {
    private static Method kernel(String name) {
        return Arrays.stream(JvmDriverTest.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .or(() -> Arrays.stream(ConformanceKernels.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst())
                .orElseThrow();
    }

    @Test
    void barrierScanFollowsStaticHelpers() {
        assertTrue(BarrierScan.usesBarrier(kernel("groupSum")), "direct barrier");
        assertTrue(BarrierScan.usesBarrier(kernel("groupPrefixSum")), "barrier inside a helper");
        assertFalse(BarrierScan.usesBarrier(kernel("addOne")));
        assertFalse(BarrierScan.usesBarrier(kernel("helpers")), "helpers without barriers");
    }

    /** Half the group returns before the barrier; the rest must still get through it. */
    public static void earlyReturnBeforeBarrier(KernelContext ctx, IntArray out) {
        int[] shared = ctx.allocateIntLocalArray(8);
        if (ctx.localIdx % 2 == 1) return;
        shared[ctx.localIdx] = ctx.localIdx + 1;
        ctx.localBarrier();
        out.set(ctx.globalIdx, shared[(ctx.localIdx + 2) % 8]);
    }

    @Test @Timeout(10)
    void workItemsThatReturnEarlyDoNotHoldUpTheBarrier() {
        IntArray out = new IntArray(16);
        JvmKernel k = new JvmSession().prepare(kernel("earlyReturnBeforeBarrier"));
        assertTrue(k.usesBarriers());
        k.launch(new Object[] {new KernelContext(), out}, WorkerGrid.of1D(16).setLocalWork(8));
        for (int i = 0; i < 16; i += 2) assertEquals((i + 2) % 8 + 1, out.get(i), "item " + i);
    }

    /** Every work-item adds to one local counter; the group's first item publishes it after the barrier. */
    public static void countGroup(KernelContext ctx, IntArray out) {
        int[] counter = ctx.allocateIntLocalArray(1);
        ctx.atomicAdd(counter, 0, 1);
        ctx.localBarrier();
        if (ctx.localIdx == 0) out.set(ctx.groupIdx, counter[0]);
    }

    @Test
    void localArraysAreSharedByTheGroupAndOnlyByIt() {
        IntArray out = new IntArray(40);
        new JvmSession().prepare(kernel("countGroup")).launch(new Object[] {new KernelContext(), out}, WorkerGrid.of1D(40 * 32).setLocalWork(32));
        for (int g = 0; g < 40; g++) assertEquals(32, out.get(g), "group " + g);
    }

    @Test
    void defaultLocalSizeRunsExactlyTheGlobalSize() {
        IntArray out = new IntArray(1000);
        new JvmSession().prepare(kernel("globalSize")).launch(new Object[] {new KernelContext(), out, 1000}, WorkerGrid.of1D(1000));
        for (int i = 0; i < 1000; i++) assertEquals(1000, out.get(i));
    }

    @Test
    void groupsLargerThanTheDeviceMaximumAreRefused() {
        JvmKernel k = new JvmSession().prepare(kernel("globalSize"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> k.launch(new Object[] {new KernelContext(), new IntArray(4096), 4096}, WorkerGrid.of1D(4096).setLocalWork(2048)));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    /** Work-item 3 fails before the barrier; the rest of its group must not wait for it forever. */
    public static void failBeforeBarrier(KernelContext ctx, IntArray out) {
        if (ctx.localIdx == 3) out.set(-1, 0);
        ctx.localBarrier();
        out.set(ctx.globalIdx, 1);
    }

    @Test @Timeout(10)
    void aFailingWorkItemFailsTheLaunchWithoutHangingItsGroup() {
        IntArray out = new IntArray(16);
        JvmKernel k = new JvmSession().prepare(kernel("failBeforeBarrier"));
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> k.launch(new Object[] {new KernelContext(), out}, WorkerGrid.of1D(16).setLocalWork(8)));
        assertTrue(e.getMessage().contains("failBeforeBarrier") && e.getMessage().contains("global id (3, 0, 0)"), e.getMessage());
    }
}
