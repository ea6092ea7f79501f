package dev.mamba2j.tornado.api;

import dev.mamba2j.tornado.api.spi.PlanEngine;
import dev.mamba2j.tornado.api.spi.TornadoRuntime;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs task graphs on one device. The first {@link #execute()} allocates device buffers and builds
 * the kernels; later calls only copy what the transfer modes ask for and launch. Arrays stay on
 * the device between tasks and between calls. {@link #close()} frees the device buffers.
 *
 * <pre>{@code
 * try (ExecutionPlan plan = new ExecutionPlan(graph.snapshot())) {
 *     plan.withGrid("g.add", WorkerGrid.of1D(n).setLocalWork(64)).execute();
 * }
 * }</pre>
 */
public final class ExecutionPlan implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    private final PlanEngine executor;
    private final Release release;
    private final Cleaner.Cleanable cleanable;
    private final int graphs;
    private int selected = ALL;
    private static final int ALL = -1;

    public ExecutionPlan(ImmutableTaskGraph... graphs) {
        if (graphs.length == 0) throw new IllegalArgumentException("an execution plan needs at least one task graph");
        this.graphs = graphs.length;
        this.executor = TornadoRuntime.get().newPlan(Arrays.stream(graphs).map(ImmutableTaskGraph::operations).toList());
        this.release = new Release(executor);
        this.cleanable = CLEANER.register(this, release);
    }

    /**
     * Frees a plan's device buffers when it is closed or, if it never is, when it becomes unreachable;
     * the first plan of the process found unclosed is reported once on standard error (device memory
     * otherwise stays taken until the collector happens to run).
     */
    private static final class Release implements Runnable {
        private final PlanEngine engine;
        private volatile boolean closing;

        Release(PlanEngine engine) { this.engine = engine; }

        @Override public void run() {
            if (!closing && !engine.isClosed() && REPORTED.compareAndSet(false, true))
                System.err.println("mamba2j: an ExecutionPlan became unreachable without close(); its device buffers are freed now."
                        + " Close plans (try-with-resources) to free device memory when you are done with it.");
            engine.close();
        }
    }

    /**
     * Makes {@link #execute()} run only the graph at {@code index} (in the order given to the constructor),
     * as TornadoVM's {@code withGraph} does. The graphs of a plan share its device buffers, so one graph
     * can leave data on the device for another (a prefill graph, then a decoding graph, say).
     */
    public ExecutionPlan withGraph(int index) {
        if (index < 0 || index >= graphs)
            throw new IllegalArgumentException("graph index " + index + " out of range: this plan has " + graphs + " graph(s)");
        selected = index;
        return this;
    }

    /** Makes {@link #execute()} run every graph again, in order (the default). */
    public ExecutionPlan withAllGraphs() {
        selected = ALL;
        return this;
    }

    /** Runs on {@code device} (device buffers of another device are freed). */
    public ExecutionPlan withDevice(Device device) {
        executor.setDevice(device);
        return this;
    }

    /** Runs on the device with this id ({@code jvm}, {@code opencl:0:0}, {@code cuda:0}). */
    public ExecutionPlan withDevice(String id) {
        return withDevice(Devices.get(id));
    }

    /** The launch grid of a task, named "graph.task" or just "task" where unique. Every task needs one. */
    public ExecutionPlan withGrid(String task, WorkerGrid grid) {
        executor.setGrid(task, grid);
        return this;
    }

    /** Every grid of {@code scheduler} (TornadoVM style). */
    public ExecutionPlan withGridScheduler(GridScheduler scheduler) {
        for (Map.Entry<String, WorkerGrid> e : scheduler.grids().entrySet()) executor.setGrid(e.getKey(), e.getValue());
        return this;
    }

    /**
     * With {@code true}, the kernels a graph launches one after another are recorded the second time they
     * run and replayed as one unit from then on (a CUDA graph on CUDA devices; other devices launch them
     * one by one as before). Replaying saves the host's work per launch, which dominates when the kernels
     * are short (decoding one token through many layers). Arguments and grids are those of the recording;
     * a changed grid records again. Per-task device times are then not measured: the profile counts the
     * replayed kernels' time as a whole ({@link ExecutionProfile#replayedNanos()}). Off by default.
     */
    public ExecutionPlan withReplay(boolean replay) {
        executor.setReplay(replay);
        return this;
    }

    /** The device this plan runs on (the selected default unless {@link #withDevice} was called). */
    public Device device() { return executor.device(); }

    /** Runs every graph once, in order, or only the one chosen with {@link #withGraph}. */
    public ExecutionResult execute() {
        ExecutionProfile profile = executor.execute(selected);
        return new ExecutionResult(this, executor, profile);
    }

    public boolean isClosed() { return executor.isClosed(); }

    /** Frees the plan's device buffers; the plan cannot run again. */
    @Override public void close() {
        release.closing = true;
        cleanable.clean();
    }
}
