package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;

/** Runs a one-task graph (graph "t", task "k") once on a device. */
final class Conformance {
    private Conformance() {}

    static ExecutionProfile runOnce(String device, TaskGraph graph, WorkerGrid grid) {
        try (ExecutionPlan plan = new ExecutionPlan(graph.snapshot())) {
            return plan.withDevice(device).withGrid("t.k", grid).execute().profile();
        }
    }

    static WorkerGrid grid1D(int n) { return WorkerGrid.of1D(n).setLocalWork(32); }
}
