package dev.mamba2j.tornado.api;

import java.util.Arrays;

/**
 * The launch shape of one task: global sizes (total work-items) and optional local (work-group)
 * sizes in 1, 2 or 3 dimensions. Global sizes need not be multiples of the local size: the
 * launch rounds the global size up to whole work-groups, and kernels guard with
 * {@code if (ctx.globalIdx >= n) return;} (the ids beyond the requested global size still run).
 */
public final class WorkerGrid {
    private final int[] global;
    private int[] local;

    private WorkerGrid(int... global) {
        for (int g : global) if (g <= 0) throw new IllegalArgumentException("global size must be > 0, got " + Arrays.toString(global));
        this.global = global.clone();
    }

    public static WorkerGrid of1D(int x) { return new WorkerGrid(x); }

    public static WorkerGrid of2D(int x, int y) { return new WorkerGrid(x, y); }

    public static WorkerGrid of3D(int x, int y, int z) { return new WorkerGrid(x, y, z); }

    /**
     * Sets the work-group size (same number of dimensions as the global size). Trailing sizes of 1
     * beyond those dimensions are accepted, as TornadoVM code writes {@code setLocalWork(64, 1, 1)}
     * for 1D grids.
     */
    public WorkerGrid setLocalWork(int... local) {
        int used = local.length;
        while (used > global.length && local[used - 1] == 1) used--;
        local = java.util.Arrays.copyOf(local, used);
        if (local.length != global.length)
            throw new IllegalArgumentException("local size has " + local.length + " dimensions, global has " + global.length);
        for (int l : local) if (l <= 0) throw new IllegalArgumentException("local size must be > 0, got " + Arrays.toString(local));
        this.local = local.clone();
        return this;
    }

    public int dimensions() { return global.length; }

    /** Requested global sizes. */
    public int[] global() { return global.clone(); }

    /** Local sizes, or null to let the driver choose. */
    public int[] local() { return local == null ? null : local.clone(); }

    /** Global sizes rounded up to whole work-groups of {@code local}. */
    public int[] roundedGlobal(int[] local) {
        int[] r = new int[global.length];
        for (int i = 0; i < r.length; i++) r[i] = (global[i] + local[i] - 1) / local[i] * local[i];
        return r;
    }

    @Override public String toString() {
        return "WorkerGrid" + dimensions() + "D(global=" + Arrays.toString(global) + ", local=" + Arrays.toString(local) + ")";
    }
}
