package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.api.KernelContext;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a kernel method on the JVM: work-groups one after another, the work-items of a group as threads. */
final class JavaRunner {
    private JavaRunner() {}

    /** args[0] is replaced per work-item by its KernelContext. */
    static void run(Method m, Object[] args, int[] global, int[] local) throws Exception {
        int[] g = {1, 1, 1}, l = {1, 1, 1}, groups = new int[3];
        for (int d = 0; d < global.length; d++) { g[d] = global[d]; l[d] = local[d]; }
        for (int d = 0; d < 3; d++) groups[d] = g[d] / l[d];
        for (int gz = 0; gz < groups[2]; gz++)
            for (int gy = 0; gy < groups[1]; gy++)
                for (int gx = 0; gx < groups[0]; gx++) runGroup(m, args, new int[] {gx, gy, gz}, g, l);
    }

    private static void runGroup(Method m, Object[] args, int[] group, int[] g, int[] l) throws Exception {
        int size = l[0] * l[1] * l[2];
        CyclicBarrier barrier = new CyclicBarrier(size);
        Map<Integer, Object> locals = new ConcurrentHashMap<>();
        KernelContext.WorkGroup wg = new KernelContext.WorkGroup() {
            @Override public void barrier() {
                try {
                    barrier.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("barrier", e);
                }
            }

            @Override public Object localArray(int ordinal, Class<?> type, int n) {
                return locals.computeIfAbsent(ordinal, k -> Array.newInstance(type, n));
            }
        };
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int z = 0; z < l[2]; z++)
            for (int y = 0; y < l[1]; y++)
                for (int x = 0; x < l[0]; x++) {
                    int[] lid = {x, y, z};
                    int[] gid = {group[0] * l[0] + x, group[1] * l[1] + y, group[2] * l[2] + z};
                    Object[] a = args.clone();
                    a[0] = KernelContext.forWorkItem(gid, lid, group, g, l, wg);
                    threads.add(Thread.ofVirtual().start(() -> {
                        try {
                            m.invoke(null, a);
                        } catch (InvocationTargetException e) {
                            failures.add(e.getCause());
                            barrier.reset();
                        } catch (IllegalAccessException e) {
                            failures.add(e);
                        }
                    }));
                }
        for (Thread t : threads) t.join();
        if (!failures.isEmpty()) throw new AssertionError("Java kernel failed", failures.getFirst());
    }
}
