package dev.mamba2j.model.layers;

import dev.mamba2j.kernels.ssd.SsdTiling;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task graph under construction together with the grid of each of its tasks, so layers add both at once,
 * and the local memory of the device it will run on, from which layers choose their kernels' tiles.
 */
public final class DeviceGraph {
    private final TaskGraph graph;
    private final long localMemoryBytes, largestLocalMemoryBytes;
    private final SsdTiling ssdTiling;
    private final Map<String, WorkerGrid> grids = new LinkedHashMap<>();

    public DeviceGraph(String name, Device device) {
        this.graph = new TaskGraph(name);
        this.localMemoryBytes = device.localMemoryBytes();
        this.largestLocalMemoryBytes = device.largestLocalMemoryBytes();
        this.ssdTiling = SsdTiling.forDevice(device);
    }

    /** The tiles the device runs the SSD's GEMM-shaped kernels on. */
    public SsdTiling ssdTiling() { return ssdTiling; }

    /** Bytes of local memory a work-group of the device has. */
    public long localMemoryBytes() { return localMemoryBytes; }

    /** Bytes of local memory a work-group of the device can have on request ({@link Device#largestLocalMemoryBytes()}). */
    public long largestLocalMemoryBytes() { return largestLocalMemoryBytes; }

    /** The graph, to add tasks and transfers to. */
    public TaskGraph tasks() { return graph; }

    /** Records the launch grid of a task just added. */
    public DeviceGraph grid(String task, WorkerGrid grid) {
        grids.put(graph.getTaskGraphName() + "." + task, grid);
        return this;
    }

    /** Sets every recorded grid on {@code plan}, which must hold this graph. */
    public ExecutionPlan applyGrids(ExecutionPlan plan) {
        grids.forEach(plan::withGrid);
        return plan;
    }

    public int taskCount() { return grids.size(); }
}
