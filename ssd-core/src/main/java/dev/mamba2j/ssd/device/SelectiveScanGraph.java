package dev.mamba2j.ssd.device;

import dev.mamba2j.kernels.mamba1.SelectiveScan;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.Device;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;

/**
 * Mamba-1's fused selective scan as a one-task graph on one device. The graph and its buffers live
 * as long as this object, so {@link #execute()} can be repeated (benchmarks) after {@link #load}
 * puts new inputs of the same sizes and options in place.
 */
public final class SelectiveScanGraph implements AutoCloseable {
    public static final String SCAN = "selectiveScan";

    private final FloatArray u, delta, a, b, c, d, z, deltaBias, y, lastState;
    private final int localSize;
    private final ExecutionPlan plan;

    /**
     * With the default work-group size: the largest divisor of d / groups up to 64 whose staged
     * tiles fit in the device's local memory.
     */
    public SelectiveScanGraph(SelectiveScanInputs in, Device device, boolean poisonOutputs) {
        this(in, device, poisonOutputs, defaultWidth(in, device));
    }

    /**
     * @param poisonOutputs fill the outputs with NaN and send them to the device before every
     *                      execution, so that an element the kernel fails to write shows up
     * @param localSize     channels per work-group; must divide d / groups, and its staged tiles
     *                      ({@link SelectiveScan#localBytes}) must fit in the device's local memory
     */
    public SelectiveScanGraph(SelectiveScanInputs in, Device device, boolean poisonOutputs, int localSize) {
        if (localSize < 1 || (in.channels() / in.groups()) % localSize != 0)
            throw new IllegalArgumentException("work-group size " + localSize + " does not divide d / groups = "
                    + in.channels() / in.groups());
        int parts = SelectiveScan.parts(in.dState());
        if (localSize * parts > device.maxWorkGroupSize() || SelectiveScan.localBytes(localSize, in.dState()) > device.localMemoryBytes())
            throw new IllegalArgumentException("a work-group of " + localSize + " channels × " + parts + " work-items with d_state="
                    + in.dState() + " needs " + SelectiveScan.localBytes(localSize, in.dState()) + " bytes of local memory; "
                    + device.id() + " has " + device.localMemoryBytes() + " and takes work-groups of up to " + device.maxWorkGroupSize());
        this.localSize = localSize;
        u = new FloatArray(in.tokenSize());
        delta = new FloatArray(in.tokenSize());
        a = new FloatArray(in.A().length);
        b = new FloatArray(in.B().length);
        c = new FloatArray(in.C().length);
        d = new FloatArray(in.D() == null ? 1 : in.channels());
        z = new FloatArray(in.z() == null ? 1 : in.tokenSize());
        deltaBias = new FloatArray(in.deltaBias() == null ? 1 : in.channels());
        y = new FloatArray(in.tokenSize());
        lastState = new FloatArray(in.stateSize());

        TaskGraph graph = new TaskGraph("selectiveScan").transferToDevice(EVERY_EXECUTION, u, delta, a, b, c, d, z, deltaBias);
        if (poisonOutputs) {
            y.init(Float.NaN);
            lastState.init(Float.NaN);
            graph.transferToDevice(EVERY_EXECUTION, y, lastState);
        }
        int round = SelectiveScan.tokensPerRound(in.dState());
        if (parts == 1)
            graph.task(SCAN, SelectiveScan::selectiveScan, new KernelContext(), u, delta, a, b, c, d, z, deltaBias, y, lastState,
                    in.seqLen(), in.channels(), in.groups(), in.dState(), localSize, round,
                    in.D() != null, in.z() != null, in.deltaBias() != null, in.deltaSoftplus());
        else
            graph.task(SCAN, SelectiveScan::selectiveScanSplit, new KernelContext(), u, delta, a, b, c, d, z, deltaBias, y, lastState,
                    in.seqLen(), in.channels(), in.groups(), in.dState(), localSize, round,
                    parts, in.D() != null, in.z() != null, in.deltaBias() != null, in.deltaSoftplus());
        graph.transferToHost(EVERY_EXECUTION, y, lastState);
        plan = new ExecutionPlan(graph.snapshot()).withDevice(device)
                .withGrid(SCAN, WorkerGrid.of1D(in.batch() * in.channels() * parts).setLocalWork(localSize * parts));
        load(in);
    }

    /** Copies the inputs of {@code in} (same sizes and options as at construction) into the host arrays. */
    public void load(SelectiveScanInputs in) {
        copy(in.u(), u);
        copy(in.delta(), delta);
        copy(in.A(), a);
        copy(in.B(), b);
        copy(in.C(), c);
        if (in.D() != null) copy(in.D(), d);
        if (in.z() != null) copy(in.z(), z);
        if (in.deltaBias() != null) copy(in.deltaBias(), deltaBias);
    }

    /** Runs the graph once: inputs to the device, the scan, outputs back. */
    public ExecutionProfile execute() { return plan.execute().profile(); }

    /** The last execution's output y (batch, L, d). */
    public float[] y() { return y.toHeapArray(); }

    /** The last execution's state after the last token (batch, d, n). */
    public float[] lastState() { return lastState.toHeapArray(); }

    /** Channels per work-group (each taken by {@link SelectiveScan#parts} work-items). */
    public int workGroupSize() { return localSize; }

    @Override public void close() { plan.close(); }

    static int defaultWidth(SelectiveScanInputs in, Device device) {
        int perGroup = in.channels() / in.groups();
        int parts = SelectiveScan.parts(in.dState());
        for (int w = Math.min(perGroup, Math.min(64, device.maxWorkGroupSize() / parts)); w > 1; w--)
            if (perGroup % w == 0 && SelectiveScan.localBytes(w, in.dState()) <= device.localMemoryBytes()) return w;
        return 1;
    }

    static void copy(float[] from, FloatArray to) {
        MemorySegment.copy(from, 0, to.getSegment(), ValueLayout.JAVA_FLOAT, 0, from.length);
    }
}
