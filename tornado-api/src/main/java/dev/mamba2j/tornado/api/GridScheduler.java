package dev.mamba2j.tornado.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Grids by task name ("graph.task"), for {@link ExecutionPlan#withGridScheduler} as in TornadoVM. */
public final class GridScheduler {
    private final Map<String, WorkerGrid> grids = new LinkedHashMap<>();

    public GridScheduler() {}

    public GridScheduler(String taskName, WorkerGrid grid) { addWorkerGrid(taskName, grid); }

    public GridScheduler addWorkerGrid(String taskName, WorkerGrid grid) {
        grids.put(taskName, grid);
        return this;
    }

    Map<String, WorkerGrid> grids() { return grids; }
}
