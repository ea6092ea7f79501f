package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.api.WorkerGrid;

import java.util.Arrays;

/**
 * A {@link WorkerGrid} as CUDA launch dimensions: threads per block = the local size, blocks =
 * ceil(global / local) per dimension (missing dimensions are 1).
 *
 * <p>Without a local size the launch uses {@value #DEFAULT_BLOCK_X} threads in x (fewer when the
 * global x size is smaller, rounded up to a whole warp) and 1 in y and z: a full-occupancy
 * choice for the element-wise kernels that leave it open. Kernels that use barriers or local
 * arrays set their local size explicitly.
 */
record LaunchShape(int[] blocks, int[] threads) {
    static final int DEFAULT_BLOCK_X = 256;
    private static final int WARP = 32;
    // cuLaunchKernel limits on the grid (y and z) from the CUDA programming guide
    private static final long MAX_GRID_X = Integer.MAX_VALUE, MAX_GRID_YZ = 65535;

    static LaunchShape of(WorkerGrid grid, int maxThreadsPerBlock) {
        int[] global = grid.global(), local = grid.local();
        int[] threads = {1, 1, 1}, blocks = {1, 1, 1};
        if (local == null) {
            threads[0] = Math.min(DEFAULT_BLOCK_X, (global[0] + WARP - 1) / WARP * WARP);
        } else {
            System.arraycopy(local, 0, threads, 0, local.length);
        }
        long perBlock = (long) threads[0] * threads[1] * threads[2];
        if (perBlock > maxThreadsPerBlock)
            throw new IllegalArgumentException("local size " + Arrays.toString(local) + " has " + perBlock
                    + " threads; the device allows at most " + maxThreadsPerBlock + " per block");
        for (int d = 0; d < global.length; d++) {
            long b = ((long) global[d] + threads[d] - 1) / threads[d];
            if (b > (d == 0 ? MAX_GRID_X : MAX_GRID_YZ))
                throw new IllegalArgumentException(grid + " needs " + b + " blocks in dimension " + d + ", more than CUDA allows");
            blocks[d] = (int) b;
        }
        return new LaunchShape(blocks, threads);
    }

    @Override public String toString() {
        return "blocks " + Arrays.toString(blocks) + " x threads " + Arrays.toString(threads);
    }
}
