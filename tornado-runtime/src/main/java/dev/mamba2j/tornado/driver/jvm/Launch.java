package dev.mamba2j.tornado.driver.jvm;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One launch on the host. Work-groups are shared out to a bounded pool of platform threads (the
 * caller takes part); inside a group the work-items run in a plain loop, or, when the kernel has
 * barriers, as virtual threads meeting at the group's barrier. Global sizes are rounded up to whole
 * groups, as on devices.
 */
final class Launch {
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, WORKERS - 1), r -> {
        Thread t = new Thread(r, "mamba2j-jvm-device");
        t.setDaemon(true);
        return t;
    });

    /** Work-items per pool thread below which a launch does not fan out. */
    private static final long SMALL_LAUNCH = 4096;

    private final JvmKernel kernel;
    private final MethodHandle workItem;
    private final Object[] others;
    private final int[] global = {1, 1, 1}, local = {1, 1, 1}, groups = {1, 1, 1};
    private final int groupCount;
    private final AtomicInteger nextGroup = new AtomicInteger();
    private final List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    Launch(JvmKernel.Bound bound, WorkerGrid grid) {
        this.kernel = bound.kernel();
        this.workItem = bound.kernel().workItem();
        this.others = bound.others();
        int[] g = grid.global();
        int[] l = grid.local() != null ? grid.local() : defaultLocal(g);
        int[] rounded = grid.roundedGlobal(l);
        long count = 1;
        for (int d = 0; d < g.length; d++) {
            global[d] = rounded[d];
            local[d] = l[d];
            groups[d] = rounded[d] / l[d];
            count *= groups[d];
        }
        if (count > Integer.MAX_VALUE) throw new IllegalArgumentException("too many work-groups: " + count);
        if ((long) local[0] * local[1] * local[2] > JvmDevice.INSTANCE.maxWorkGroupSize())
            throw new IllegalArgumentException("work-group size " + Arrays.toString(l) + " exceeds the JVM device's maximum of "
                    + JvmDevice.INSTANCE.maxWorkGroupSize() + " work-items");
        this.groupCount = (int) count;
    }

    /** Without a requested local size: a divisor of the global size, so no extra work-items run. */
    private static int[] defaultLocal(int[] g) {
        int[] l = new int[g.length];
        Arrays.fill(l, 1);
        for (int s = Math.min(g[0], 256); s >= 1; s--) if (g[0] % s == 0) { l[0] = s; break; }
        return l;
    }

    void run() {
        // Small launches stay on the caller's thread: handing work to the pool costs more than it saves.
        long items = (long) groupCount * local[0] * local[1] * local[2];
        int helpers = (int) Math.min(Math.min(WORKERS, groupCount), Math.max(1, items / SMALL_LAUNCH)) - 1;
        List<Future<?>> futures = new ArrayList<>(helpers);
        for (int i = 0; i < helpers; i++) futures.add(POOL.submit(this::work));
        work();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (Exception e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) throw JvmKernel.failure(kernel, errors, "a work-item");
    }

    private void work() {
        for (int g; errors.isEmpty() && (g = nextGroup.getAndIncrement()) < groupCount; ) {
            int gx = g % groups[0], gy = (g / groups[0]) % groups[1], gz = g / (groups[0] * groups[1]);
            if (kernel.usesBarriers()) runThreaded(gx, gy, gz);
            else runLooped(gx, gy, gz);
        }
    }

    private void runLooped(int gx, int gy, int gz) {
        HostWorkGroup group = new HostWorkGroup(0);
        int[] gid = new int[3], lid = new int[3], grp = {gx, gy, gz};
        for (int z = 0; z < local[2]; z++)
            for (int y = 0; y < local[1]; y++)
                for (int x = 0; x < local[0]; x++) {
                    runItem(group, gid, lid, grp, x, y, z);
                    if (!errors.isEmpty()) return;
                }
    }

    private void runThreaded(int gx, int gy, int gz) {
        int size = local[0] * local[1] * local[2];
        HostWorkGroup group = new HostWorkGroup(size);
        Thread[] threads = new Thread[size];
        int i = 0;
        for (int z = 0; z < local[2]; z++)
            for (int y = 0; y < local[1]; y++)
                for (int x = 0; x < local[0]; x++) {
                    int fx = x, fy = y, fz = z;
                    threads[i++] = Thread.ofVirtual().start(() -> {
                        try {
                            runItem(group, new int[3], new int[3], new int[] {gx, gy, gz}, fx, fy, fz);
                        } finally {
                            group.leave();
                        }
                    });
                }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add(e);
                return;
            }
        }
    }

    private void runItem(HostWorkGroup group, int[] gid, int[] lid, int[] grp, int x, int y, int z) {
        lid[0] = x; lid[1] = y; lid[2] = z;
        gid[0] = grp[0] * local[0] + x; gid[1] = grp[1] * local[1] + y; gid[2] = grp[2] * local[2] + z;
        try {
            workItem.invokeExact(KernelContext.forWorkItem(gid, lid, grp, global, local, group), others);
        } catch (Throwable t) {
            errors.add(new RuntimeException("work-item global id (" + gid[0] + ", " + gid[1] + ", " + gid[2] + "): " + t, t));
        }
    }
}
