package dev.mamba2j.ssd.device;

import dev.mamba2j.kernels.ssd.ChunkScan;
import dev.mamba2j.kernels.ssd.SsdStepKernel;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.ExecutionResult;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.Device;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.FIRST_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.UNDER_DEMAND;

/**
 * SSD decoding: one token per {@link #step} call with O(1) work, the state (batch, heads, headdim,
 * d_state) kept on the device between calls; only the token's inputs go over and its output comes back.
 * {@link #state()} copies the state back on demand.
 */
public final class DeviceSsdStep implements AutoCloseable {
    private final SsdShape shape; // seqLen is ignored: one token per step
    private final FloatArray x, dt, b, c, z, y, state;
    private final ExecutionPlan plan;
    private final boolean hasZ;
    private ExecutionResult last;

    /**
     * @param a        A (heads)
     * @param d        D (heads) or (heads, headdim), or null
     * @param dtBias   (heads), or null
     * @param dtLimit  {min, max}, or null for none
     * @param state    the state to start from (batch, heads, headdim, d_state), e.g. a prefill's final states; null for zero
     * @param hasZ     whether steps will pass a gate z
     */
    public DeviceSsdStep(Device device, SsdShape shape, float[] a, float[] d, float[] dtBias, boolean dtSoftplus,
                         float[] dtLimit, float[] state, boolean hasZ) {
        this.shape = shape;
        this.hasZ = hasZ;
        int batch = shape.batch(), heads = shape.heads(), p = shape.headDim();
        int tokenX = batch * heads * p, tokenBc = batch * shape.groups() * shape.dState();
        check("A", a, heads);
        if (d != null && d.length != heads && d.length != heads * p)
            throw new IllegalArgumentException("D has " + d.length + " elements, expected (heads=" + heads + ") or (heads, headdim) = " + heads * p);
        if (dtBias != null) check("dt_bias", dtBias, heads);
        if (state != null) check("state", state, batch * shape.stateSize());
        if (dtLimit != null && dtLimit.length != 2) throw new IllegalArgumentException("dt_limit must be {min, max}");

        x = new FloatArray(tokenX);
        z = new FloatArray(hasZ ? tokenX : 1);
        y = new FloatArray(tokenX);
        dt = new FloatArray(batch * heads);
        b = new FloatArray(tokenBc);
        c = new FloatArray(tokenBc);
        this.state = new FloatArray(batch * shape.stateSize());
        if (state != null) MemorySegment.copy(state, 0, this.state.getSegment(), ValueLayout.JAVA_FLOAT, 0, state.length);
        FloatArray aArr = FloatArray.fromArray(a);
        FloatArray dArr = d == null ? new FloatArray(1) : FloatArray.fromArray(d);
        FloatArray bias = dtBias == null ? new FloatArray(heads) : FloatArray.fromArray(dtBias);
        int dMode = d == null ? ChunkScan.D_NONE : d.length == heads ? ChunkScan.D_PER_HEAD : ChunkScan.D_PER_CHANNEL;
        float dtMin = dtLimit == null ? Float.NEGATIVE_INFINITY : dtLimit[0];
        float dtMax = dtLimit == null ? Float.POSITIVE_INFINITY : dtLimit[1];

        TaskGraph graph = new TaskGraph("ssdStep")
                .transferToDevice(FIRST_EXECUTION, aArr, dArr, bias, this.state)
                .transferToDevice(EVERY_EXECUTION, x, dt, b, c, z)
                .task("step", SsdStepKernel::step, new KernelContext(), x, dt, aArr, b, c, dArr, z, bias, this.state, y,
                        heads, p, shape.groups(), shape.dState(), batch * heads, heads, 0, SsdStepKernel.lanes(shape.dState()), dMode, hasZ,
                        dtSoftplus, dtMin, dtMax)
                .transferToHost(EVERY_EXECUTION, y)
                .transferToHost(UNDER_DEMAND, this.state);
        plan = new ExecutionPlan(graph.snapshot()).withDevice(device)
                .withGrid("step", WorkerGrid.of1D(SsdStepKernel.GROUP * SsdStepKernel.groups(batch * heads, p, shape.dState()))
                        .setLocalWork(SsdStepKernel.GROUP));
    }

    /**
     * One token: x and z (batch, heads, headdim), dt (batch, heads), B and C (batch, groups, d_state).
     * Returns y (batch, heads, headdim); the device state advances by one token.
     */
    public float[] step(float[] xt, float[] dtt, float[] bt, float[] ct, float[] zt) {
        copy("x", xt, x);
        copy("dt", dtt, dt);
        copy("B", bt, b);
        copy("C", ct, c);
        if (hasZ != (zt != null)) throw new IllegalArgumentException(hasZ ? "z is required: this step was built with a gate" : "z was given but this step was built without a gate");
        if (zt != null) copy("z", zt, z);
        last = plan.execute();
        return y.toHeapArray();
    }

    /** The current state (batch, heads, headdim, d_state), copied back from the device. */
    public float[] state() {
        if (last != null) last.transferToHost(state);
        return state.toHeapArray();
    }

    public SsdShape shape() { return shape; }

    @Override public void close() { plan.close(); }

    private static void check(String name, float[] v, int expected) {
        if (v == null || v.length != expected)
            throw new IllegalArgumentException(name + " has " + (v == null ? "no array" : v.length + " elements") + ", expected " + expected);
    }

    private static void copy(String name, float[] from, FloatArray to) {
        check(name, from, to.getSize());
        MemorySegment.copy(from, 0, to.getSegment(), ValueLayout.JAVA_FLOAT, 0, from.length);
    }
}
