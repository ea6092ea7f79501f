package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.ImmutableTaskGraph;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.conformance.ConformanceKernels;
import org.junit.jupiter.api.Test;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Launches replayed from a CUDA graph compute what launches one by one do, new inputs every time, a changed grid recorded again. */
class CudaReplayTest {
    private static final int N = 10_000, KERNELS = 20;

    @Test
    void replayedGraphMatchesLaunchesOneByOne() {
        CudaDevice device = CudaTestSupport.deviceOrSkip();
        FloatArray in = new FloatArray(N), out = new FloatArray(N);
        FloatArray[] between = new FloatArray[KERNELS - 1];
        TaskGraph g = new TaskGraph("r").transferToDevice(EVERY_EXECUTION, in);
        FloatArray from = in;
        for (int k = 0; k < KERNELS; k++) {
            FloatArray to = k == KERNELS - 1 ? out : (between[k] = new FloatArray(N));
            g.task("k" + k, ConformanceKernels::addOne, new KernelContext(), from, to, N);
            from = to;
        }
        ImmutableTaskGraph graph = g.transferToHost(EVERY_EXECUTION, out).snapshot();
        try (ExecutionPlan plan = new ExecutionPlan(graph).withDevice(device).withReplay(true)) {
            for (int k = 0; k < KERNELS; k++) plan.withGrid("k" + k, WorkerGrid.of1D(N).setLocalWork(128));
            for (int run = 0; run < 6; run++) {
                if (run == 4) plan.withGrid("k7", WorkerGrid.of1D(N).setLocalWork(64));
                for (int i = 0; i < N; i++) in.set(i, run * 100_000 + i);
                out.init(Float.NaN);
                ExecutionProfile p = plan.execute().profile();
                for (int i = 0; i < N; i++) assertEquals(run * 100_000 + i + KERNELS, out.get(i), "run " + run + " element " + i);
                if (run == 0) assertEquals(0, p.replayedNanos(), "the first run launches one by one");
                else {
                    assertTrue(p.replayedNanos() > 0, "run " + run + " is replayed and timed as a whole");
                    assertEquals(0, p.kernelNanos("k3"), "a replayed task has no time of its own");
                }
            }
        }
    }
}
