package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.api.WorkerGrid;

import java.util.Arrays;
import java.util.List;

/**
 * A {@link WorkerGrid} as a dispatch: the work-group size is the local size, the group count
 * ceil(global / local) per dimension. Without a local size, 64 work-items in x (fewer for smaller
 * grids) and 1 in y and z, as the element-wise kernels that leave it open need nothing more.
 */
record Dispatch(List<Integer> local, int[] groups) {
    static final int DEFAULT_X = 64;

    static Dispatch of(WorkerGrid grid, VulkanDevice device) {
        int[] global = grid.global(), given = grid.local();
        int[] local = {1, 1, 1}, groups = {1, 1, 1};
        if (given == null) local[0] = Math.max(1, Math.min(DEFAULT_X, global[0]));
        else System.arraycopy(given, 0, local, 0, given.length);
        long invocations = (long) local[0] * local[1] * local[2];
        if (invocations > device.maxWorkGroupSize())
            throw new IllegalArgumentException("local size " + Arrays.toString(given) + " has " + invocations
                    + " work-items; the device allows at most " + device.maxWorkGroupSize() + " per group");
        for (int d = 0; d < 3; d++) {
            if (local[d] > device.maxGroupSize[d])
                throw new IllegalArgumentException("local size " + local[d] + " in dimension " + d + " exceeds the device's " + device.maxGroupSize[d]);
            long n = d < global.length ? ((long) global[d] + local[d] - 1) / local[d] : 1;
            if (n > device.maxGroupCount[d])
                throw new IllegalArgumentException(grid + " needs " + n + " work-groups in dimension " + d + ", more than the device's "
                        + device.maxGroupCount[d]);
            groups[d] = (int) Math.max(1, n);
        }
        return new Dispatch(List.of(local[0], local[1], local[2]), groups);
    }
}
