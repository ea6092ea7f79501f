package dev.mamba2j.ssd.device;

import dev.mamba2j.kernels.attention.CausalAttention;
import dev.mamba2j.kernels.attention.Rotary;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.Device;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.FIRST_EXECUTION;

/**
 * Causal attention forward, o = softmax(q·kᵀ/√headdim + causal mask)·v, as a one-task graph on one
 * device; q, k, v and o are (batch, L, heads, headdim). With a {@link RotaryEmbedding}, q and k are
 * rotated first, by two more tasks. Built once, {@link #execute()} can be repeated after
 * {@link #load} puts new q, k, v in place.
 */
public final class AttentionGraph implements AutoCloseable {
    /** Task names, in execution order (the rotary tasks only with a rotary embedding). */
    public static final String ROTARY_Q = "rotaryQ", ROTARY_K = "rotaryK", ATTENTION = "attention";
    /** Queries per work-group unless told otherwise. */
    public static final int DEFAULT_QUERY_TILE = 64;

    private final int batch, seqLen, heads, headDim;
    private final FloatArray q, k, v, o;
    private final ExecutionPlan plan;

    public AttentionGraph(int batch, int seqLen, int heads, int headDim, Device device, boolean poisonOutputs) {
        this(batch, seqLen, heads, headDim, device, poisonOutputs, DEFAULT_QUERY_TILE, null);
    }

    /**
     * @param poisonOutputs fill o with NaN and send it to the device before every execution, so that
     *                      an element the kernel fails to write shows up
     * @param queryTile     queries per work-group (the work-group size)
     * @param rotary        rotary embedding of q and k, or null for none
     */
    public AttentionGraph(int batch, int seqLen, int heads, int headDim, Device device, boolean poisonOutputs,
                          int queryTile, RotaryEmbedding rotary) {
        if (batch < 1 || seqLen < 1 || heads < 1 || headDim < 1 || queryTile < 1)
            throw new IllegalArgumentException("sizes must be positive: batch=" + batch + " L=" + seqLen + " heads=" + heads
                    + " headdim=" + headDim + " query tile=" + queryTile);
        long localBytes = 2L * CausalAttention.KEY_TILE * headDim * Float.BYTES;
        if (queryTile > device.maxWorkGroupSize() || localBytes > device.localMemoryBytes())
            throw new IllegalArgumentException("a query tile of " + queryTile + " with headdim " + headDim + " needs " + localBytes
                    + " bytes of local memory; " + device.id() + " has " + device.localMemoryBytes()
                    + " and takes work-groups of up to " + device.maxWorkGroupSize());
        if (rotary != null && rotary.rotaryDim() > headDim)
            throw new IllegalArgumentException("rotary_dim " + rotary.rotaryDim() + " exceeds headdim " + headDim);
        this.batch = batch;
        this.seqLen = seqLen;
        this.heads = heads;
        this.headDim = headDim;
        int size = Math.toIntExact((long) batch * seqLen * heads * headDim);
        q = new FloatArray(size);
        k = new FloatArray(size);
        v = new FloatArray(size);
        o = new FloatArray(size);

        TaskGraph graph = new TaskGraph("attention").transferToDevice(EVERY_EXECUTION, q, k, v);
        if (poisonOutputs) {
            o.init(Float.NaN);
            graph.transferToDevice(EVERY_EXECUTION, o);
        }
        KernelContext ctx = new KernelContext();
        FloatArray qIn = q, kIn = k;
        if (rotary != null) {
            float[][] tables = rotary.tables(rotary.positionOffset() + seqLen);
            FloatArray cos = FloatArray.fromArray(tables[0]), sin = FloatArray.fromArray(tables[1]);
            qIn = new FloatArray(size);
            kIn = new FloatArray(size);
            graph.transferToDevice(FIRST_EXECUTION, cos, sin)
                    .task(ROTARY_Q, Rotary::rotary, ctx, q, cos, sin, qIn, seqLen, heads, headDim, rotary.rotaryDim(),
                            rotary.positionOffset(), rotary.interleaved(), size)
                    .task(ROTARY_K, Rotary::rotary, ctx, k, cos, sin, kIn, seqLen, heads, headDim, rotary.rotaryDim(),
                            rotary.positionOffset(), rotary.interleaved(), size);
        }
        float scale = (float) (1 / Math.sqrt(headDim));
        graph.task(ATTENTION, CausalAttention::attention, ctx, qIn, kIn, v, o, seqLen, heads, headDim, scale)
                .transferToHost(EVERY_EXECUTION, o);
        int tiles = (seqLen + queryTile - 1) / queryTile;
        plan = new ExecutionPlan(graph.snapshot()).withDevice(device)
                .withGrid(ATTENTION, WorkerGrid.of1D(tiles * queryTile * heads * batch).setLocalWork(queryTile));
        if (rotary != null) {
            int local = Math.min(256, headDim);
            plan.withGrid(ROTARY_Q, WorkerGrid.of1D(size).setLocalWork(local))
                    .withGrid(ROTARY_K, WorkerGrid.of1D(size).setLocalWork(local));
        }
    }

    /** Copies q, k and v (batch, L, heads, headdim) into the host arrays. */
    public void load(float[] query, float[] key, float[] value) {
        SelectiveScanGraph.copy(checked("q", query), q);
        SelectiveScanGraph.copy(checked("k", key), k);
        SelectiveScanGraph.copy(checked("v", value), v);
    }

    /** Runs the graph once: q, k, v to the device, the kernel, o back. */
    public ExecutionProfile execute() { return plan.execute().profile(); }

    /** The last execution's output (batch, L, heads, headdim). */
    public float[] output() { return o.toHeapArray(); }

    @Override public void close() { plan.close(); }

    private float[] checked(String name, float[] a) {
        if (a.length != q.getSize())
            throw new IllegalArgumentException(name + " has " + a.length + " elements, expected batch·L·heads·headdim = "
                    + q.getSize() + " (batch=" + batch + " L=" + seqLen + " heads=" + heads + " headdim=" + headDim + ")");
        return a;
    }
}
