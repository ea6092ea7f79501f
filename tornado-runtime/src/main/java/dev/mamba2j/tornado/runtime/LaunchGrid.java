package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.spi.TaskSpec;
import dev.mamba2j.tornado.jit.KernelJit;
import dev.mamba2j.tornado.jit.loops.ParallelLoop;

import java.util.List;

/**
 * The grid a task launches with. A task that reads its ids from a KernelContext needs the grid the
 * plan was given. A loop-parallel task (its ids come from {@code @Parallel} loops) takes one from the
 * loops when it was given none: dimension d is the trip count of the loop on d, evaluated from the
 * task's arguments at each launch. A given grid still wins, but must have one dimension per loop and
 * cover every trip count the host can evaluate (work-items past the end skip the body; missing ones
 * would silently skip iterations, so that is refused).
 */
final class LaunchGrid {
    private LaunchGrid() {}

    static WorkerGrid of(TaskSpec task, WorkerGrid given, String device) {
        List<ParallelLoop> loops = loops(task, device);
        String name = task.qualifiedName();
        if (loops.isEmpty()) {
            if (given == null)
                throw new IllegalStateException("task " + name + " has no grid: call withGrid(\"" + name
                        + "\", WorkerGrid.of1D(n)) (only a task with @Parallel loops can take its grid from them)");
            return given;
        }
        if (given != null && given.dimensions() != loops.size())
            throw new IllegalArgumentException("task " + name + " has " + loops.size() + " nested parallel loop" + (loops.size() > 1 ? "s" : "")
                    + " (" + dimensions(loops) + "), so its grid needs " + loops.size() + " dimension" + (loops.size() > 1 ? "s" : "")
                    + ", got " + given);
        int[] global = new int[loops.size()];
        for (ParallelLoop loop : loops) {
            String reason = loop.uncountableReason();
            if (reason != null) {
                if (given == null)
                    throw new IllegalStateException("task " + name + " has no grid, and the parallel loop over " + loop.variable() + " at "
                            + loop.where() + " cannot size one: " + reason + ". Call withGrid(\"" + name + "\", WorkerGrid."
                            + "of" + loops.size() + "D(...)) with a global size of at least its iterations");
                continue;
            }
            long trips;
            try {
                trips = loop.tripCount(task.args());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("task " + name + ": " + e.getMessage(), e);
            }
            if (trips > Integer.MAX_VALUE)
                throw new IllegalArgumentException("task " + name + ": the parallel loop over " + loop.variable() + " at " + loop.where()
                        + " runs " + trips + " iterations, more than a grid dimension holds (" + Integer.MAX_VALUE + ")");
            if (given != null && given.global()[loop.dimension()] < trips)
                throw new IllegalArgumentException("task " + name + ": the grid's global size " + given.global()[loop.dimension()] + " in dimension "
                        + "xyz".charAt(loop.dimension()) + " is smaller than the " + trips + " iterations of the parallel loop over "
                        + loop.variable() + " at " + loop.where() + "; give at least " + trips + ", or no grid to take it from the loop");
            global[loop.dimension()] = (int) Math.max(1, trips);
        }
        if (given != null) return given;
        return switch (global.length) {
            case 1 -> WorkerGrid.of1D(global[0]);
            case 2 -> WorkerGrid.of2D(global[0], global[1]);
            default -> WorkerGrid.of3D(global[0], global[1], global[2]);
        };
    }

    /** The task's parallel loops; none for a task that takes a KernelContext (the JIT refuses the mix). */
    private static List<ParallelLoop> loops(TaskSpec task, String device) {
        for (Class<?> p : task.method().getParameterTypes()) if (p == KernelContext.class) return List.of();
        try {
            return KernelJit.parallelLoops(task.method());
        } catch (RuntimeException e) {
            throw new IllegalStateException("task " + task.qualifiedName() + " (" + task.methodName() + ") cannot run on " + device + ": "
                    + e.getMessage(), e);
        }
    }

    private static String dimensions(List<ParallelLoop> loops) {
        StringBuilder sb = new StringBuilder();
        for (ParallelLoop l : loops.reversed()) sb.append(sb.isEmpty() ? "" : ", ").append("xyz".charAt(l.dimension())).append(": ").append(l.variable());
        return sb.toString();
    }
}
