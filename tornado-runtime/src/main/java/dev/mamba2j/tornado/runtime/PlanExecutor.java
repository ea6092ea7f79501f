package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.NativeArray;
import dev.mamba2j.tornado.api.spi.GraphOp;
import dev.mamba2j.tornado.api.spi.PlanEngine;
import dev.mamba2j.tornado.api.spi.TaskSpec;
import dev.mamba2j.tornado.driver.ComputeDevice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The engine behind an ExecutionPlan: task names and grids, the chosen device, and the prepared
 * {@link Program} (buffers, built kernels, bound arguments), made on the first execute() and
 * dropped (buffers freed) when the device changes or the plan closes.
 */
public final class PlanExecutor implements PlanEngine {
    private final List<GraphOp> ops;
    /** The graph each operation and each task belongs to. */
    private final int[] opGraph, taskGraph;
    private final List<TaskSpec> tasks = new ArrayList<>();
    private final String[] taskNames;
    private final WorkerGrid[] grids;
    private ComputeDevice device;
    private Program program;
    private boolean closed, replay;

    public PlanExecutor(List<List<GraphOp>> graphs) {
        List<GraphOp> all = new ArrayList<>();
        List<Integer> ofOp = new ArrayList<>(), ofTask = new ArrayList<>();
        for (int g = 0; g < graphs.size(); g++)
            for (GraphOp op : graphs.get(g)) {
                all.add(op);
                ofOp.add(g);
                if (op instanceof GraphOp.Run run) {
                    tasks.add(run.task());
                    ofTask.add(g);
                }
            }
        this.ops = List.copyOf(all);
        this.opGraph = ofOp.stream().mapToInt(Integer::intValue).toArray();
        this.taskGraph = ofTask.stream().mapToInt(Integer::intValue).toArray();
        this.taskNames = tasks.stream().map(TaskSpec::qualifiedName).toArray(String[]::new);
        for (int i = 0; i < taskNames.length; i++)
            for (int j = 0; j < i; j++)
                if (taskNames[i].equals(taskNames[j])) throw new IllegalArgumentException("task " + taskNames[i] + " appears twice in the plan (two graphs with the same name?)");
        this.grids = new WorkerGrid[taskNames.length];
    }

    /** Runs on {@code device}, which must be one of this runtime's (a device of another runtime is looked up by id). */
    @Override public synchronized void setDevice(Device device) {
        checkOpen();
        Objects.requireNonNull(device, "device");
        if (!(device instanceof ComputeDevice)) device = DeviceRegistry.get(device.id());
        if (this.device != null && this.device.id().equals(device.id())) return;
        dropProgram();
        this.device = (ComputeDevice) device;
    }

    /** The plan's device: the one set, else the selected default. */
    @Override public synchronized ComputeDevice device() {
        if (device == null) device = DeviceRegistry.selected();
        return device;
    }

    /** Sets the grid of a task named "graph.task", or "task" where that is unique in the plan. */
    @Override public synchronized void setGrid(String task, WorkerGrid grid) {
        checkOpen();
        Objects.requireNonNull(grid, "grid");
        grids[indexOf(task)] = grid;
    }

    private int indexOf(String task) {
        int found = -1;
        for (int i = 0; i < taskNames.length; i++) {
            if (taskNames[i].equals(task)) return i;
            if (tasks.get(i).name().equals(task)) {
                if (found >= 0)
                    throw new IllegalArgumentException("task name '" + task + "' is ambiguous: " + taskNames[found] + " and " + taskNames[i]
                            + "; use graph.task");
                found = i;
            }
        }
        if (found < 0) throw new IllegalArgumentException("no task '" + task + "' in this plan; tasks: " + String.join(", ", taskNames));
        return found;
    }

    @Override public synchronized void setReplay(boolean replay) {
        checkOpen();
        this.replay = replay;
    }

    @Override public synchronized ExecutionProfile execute(int graph) {
        long start = System.nanoTime();
        checkOpen();
        WorkerGrid[] launch = new WorkerGrid[grids.length]; // null for the tasks of graphs that do not run now
        for (int i = 0; i < grids.length; i++)
            if (graph < 0 || taskGraph[i] == graph) launch[i] = LaunchGrid.of(tasks.get(i), grids[i], device().id());
        if (program == null) program = new Program(DeviceRuntime.of(device()), ops, opGraph, tasks);
        ExecutionProfile profile = new ExecutionProfile(taskNames);
        program.run(profile, launch, graph, replay);
        profile.recordTotal(System.nanoTime() - start);
        return profile;
    }

    /** Copies arrays of this plan back to the host now, recording the copies in {@code profile}. */
    @Override public synchronized void copyToHost(ExecutionProfile profile, Object... arrays) {
        checkOpen();
        if (program == null) throw new IllegalStateException("the plan has not run on its current device yet; nothing to copy back");
        for (Object a : arrays) {
            if (!(a instanceof NativeArray array)) throw new IllegalArgumentException("transferToHost takes off-heap arrays, got " + a);
            program.copyToHost(array, profile);
        }
    }

    @Override public synchronized boolean isClosed() { return closed; }

    /** Frees the plan's device buffers. Idempotent. */
    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        dropProgram();
    }

    private void dropProgram() {
        if (program != null) program.close();
        program = null;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the execution plan is closed");
    }
}
