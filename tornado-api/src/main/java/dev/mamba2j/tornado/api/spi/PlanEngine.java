package dev.mamba2j.tornado.api.spi;

import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.WorkerGrid;

/** The runtime's side of one ExecutionPlan: device, grids, buffers and kernels. */
public interface PlanEngine extends AutoCloseable {
    /** Runs on {@code device} from now on (device buffers of another device are freed). */
    void setDevice(Device device);

    /** The plan's device: the one set, else the selected default. */
    Device device();

    /** Sets the grid of a task named "graph.task", or "task" where that is unique in the plan. */
    void setGrid(String task, WorkerGrid grid);

    /** Records the launches of each graph once and replays the record from then on, where the device can (see ExecutionPlan.withReplay). */
    default void setReplay(boolean replay) {}

    /** Runs the operations of graph {@code graph} once, in order; every graph's, in order, when {@code graph} is negative. */
    ExecutionProfile execute(int graph);

    /** Copies arrays of this plan back to the host now, recording the copies in {@code profile}. */
    void copyToHost(ExecutionProfile profile, Object... arrays);

    boolean isClosed();

    /** Frees the plan's device buffers. Idempotent. */
    @Override void close();
}
