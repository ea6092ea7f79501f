package dev.mamba2j.ssd.device;

import dev.mamba2j.kernels.ssd.ChunkScan;
import dev.mamba2j.kernels.ssd.SsdTiling;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.api.Device;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;

/**
 * One SSD forward as a task graph on one device: chunk cumsum, C·Bᵀ, chunk states, state
 * passing, chunk scan (and, with cu_seqlens, the per-sequence final states). The graph and its
 * device buffers live as long as this object, so {@link #execute()} can be repeated (benchmarks)
 * after {@link #load} puts new inputs of the same shape in place.
 *
 * <p>With {@link Storage#BF16} the token-sized tensors x, B, C, z, dt and the output y live on the
 * device as bf16 (half the bytes moved); the kernels widen them as they stage them and accumulate in
 * fp32, and the chunk states, the final states and the cumsums stay fp32.
 */
public final class SsdGraph implements AutoCloseable {
    /** Task names, in execution order. */
    public static final String CUMSUM = SsdTasks.CUMSUM, CB = SsdTasks.CB, STATES = SsdTasks.STATES, PASSING = SsdTasks.PASSING,
            SCAN = SsdTasks.SCAN, SEQUENCE_STATES = SsdTasks.SEQUENCE_STATES;

    private final SsdShape shape;
    private final int chunk, sequences;
    /** How x, B, C, z, dt and y are stored on the device. */
    public enum Storage { FP32, BF16 }

    private final FloatArray x, dt, a, b, c, d, z, dtBias, initial, y, finalStates, sequenceFinal;
    /** The bf16 copies of x, dt, B, C, z, y: full size with {@link Storage#BF16}, one element otherwise. */
    private final BFloat16Array xH, dtH, bH, cH, zH, yH;
    private final boolean bf16;
    private final IntArray seqIdx, cuSeqlens;
    private final SsdTasks tasks;
    private final ExecutionPlan plan;

    public SsdGraph(SsdInputs in, Device device) { this(in, device, false); }

    /**
     * @param poisonOutputs fill the outputs with NaN and send them to the device before every
     *                      execution, so that an element a kernel fails to write shows up (verification)
     */
    public SsdGraph(SsdInputs in, Device device, boolean poisonOutputs) {
        this(in, device, poisonOutputs, Storage.FP32);
    }

    /**
     * @param poisonOutputs as in {@link #SsdGraph(SsdInputs, Device, boolean)}
     * @param storage       how x, B, C, z, dt and y are stored on the device
     */
    public SsdGraph(SsdInputs in, Device device, boolean poisonOutputs, Storage storage) {
        this(in, device, poisonOutputs, storage, SsdTiling.forDevice(device));
    }

    /**
     * @param tiling the tiles of the GEMM-shaped kernels ({@link SsdTiling}); {@link SsdTiling#forDevice} picks them
     *               by default, another is given to check or time it on any device
     */
    public SsdGraph(SsdInputs in, Device device, boolean poisonOutputs, Storage storage, SsdTiling tiling) {
        if (in.sequenceInitialStates() != null)
            throw new UnsupportedOperationException("per-sequence initial states are not supported by the device SSD yet; "
                    + "use dev.mamba2j.ssd.ChunkedSsd for them");
        shape = in.shape();
        int batch = shape.batch(), len = shape.seqLen(), heads = shape.heads();
        chunk = in.chunkSize();
        sequences = in.cuSeqlens() == null ? 0 : in.sequenceCount();

        bf16 = storage == Storage.BF16;
        SsdTasks.checkDevice(chunk, device);
        int xSize = SsdTasks.size("x (batch × L × heads × headdim)", shape.xSize()), dtSize = SsdTasks.size("dt (batch × L × heads)", shape.dtSize()),
                bcSize = SsdTasks.size("B and C (batch × L × groups × d_state)", shape.bcSize());
        int zSize = in.z() == null ? 1 : xSize;
        x = new FloatArray(bf16 ? 1 : xSize);
        dt = new FloatArray(bf16 ? 1 : dtSize);
        a = new FloatArray(heads);
        b = new FloatArray(bf16 ? 1 : bcSize);
        c = new FloatArray(bf16 ? 1 : bcSize);
        d = new FloatArray(in.D() == null ? 1 : in.D().length);
        z = new FloatArray(bf16 ? 1 : zSize);
        xH = new BFloat16Array(bf16 ? xSize : 1);
        dtH = new BFloat16Array(bf16 ? dtSize : 1);
        bH = new BFloat16Array(bf16 ? bcSize : 1);
        cH = new BFloat16Array(bf16 ? bcSize : 1);
        zH = new BFloat16Array(bf16 ? zSize : 1);
        yH = new BFloat16Array(bf16 ? xSize : 1);
        dtBias = new FloatArray(heads);
        initial = new FloatArray(in.initialStates() == null ? 1 : batch * shape.stateSize());
        seqIdx = new IntArray(in.seqIdx() == null && in.cuSeqlens() == null ? 1 : batch * len);
        cuSeqlens = new IntArray(sequences == 0 ? 1 : sequences + 1);
        y = new FloatArray(bf16 ? 1 : xSize);
        finalStates = new FloatArray(batch * shape.stateSize());
        sequenceFinal = new FloatArray(Math.max(1, sequences * shape.stateSize()));

        boolean hasSeqIdx = in.seqIdx() != null || in.cuSeqlens() != null;
        int dMode = in.D() == null ? ChunkScan.D_NONE : in.dPerChannel() ? ChunkScan.D_PER_CHANNEL : ChunkScan.D_PER_HEAD;
        float dtMin = in.hasDtLimit() ? in.dtMin() : Float.NEGATIVE_INFINITY;
        float dtMax = in.hasDtLimit() ? in.dtMax() : Float.POSITIVE_INFINITY;
        tasks = new SsdTasks(new SsdTasks.Options(shape, chunk, sequences, in.dtSoftplus(), dtMin, dtMax, dMode, in.z() != null,
                hasSeqIdx, in.initialStates() != null, bf16));
        SsdTasks.Io io = new SsdTasks.Io(x, dt, a, b, c, d, z, dtBias, initial, seqIdx, cuSeqlens, y, finalStates, sequenceFinal,
                xH, dtH, bH, cH, zH, yH);

        TaskGraph graph = new TaskGraph("ssd")
                .transferToDevice(EVERY_EXECUTION, x, dt, a, b, c, d, z, dtBias, initial, seqIdx, cuSeqlens)
                .transferToDevice(EVERY_EXECUTION, xH, dtH, bH, cH, zH);
        if (poisonOutputs) {
            for (FloatArray out : new FloatArray[] {y, finalStates, sequenceFinal}) out.init(Float.NaN);
            for (int i = 0; i < yH.getSize(); i++) yH.set(i, Float.NaN);
            graph.transferToDevice(EVERY_EXECUTION, y, yH, finalStates, sequenceFinal);
        }
        tasks.add(graph, "", io, tiling.checkUsable(device));
        // only the outputs this graph writes: a placeholder copied back would bring back whatever its buffer held
        graph.transferToHost(EVERY_EXECUTION, bf16 ? yH : y, finalStates);
        if (sequences > 0) graph.transferToHost(EVERY_EXECUTION, sequenceFinal);
        plan = tasks.grids(new ExecutionPlan(graph.snapshot()).withDevice(device), "", tiling);
        load(in);
    }

    /** Copies the inputs of {@code in} (same shape and options as at construction) into the host arrays. */
    public void load(SsdInputs in) {
        if (!in.shape().equals(shape) || in.chunkSize() != chunk || (in.cuSeqlens() == null ? 0 : in.sequenceCount()) != sequences)
            throw new IllegalArgumentException("this SSD graph was built for " + shape + ", chunk_size " + chunk + (sequences > 0 ? ", "
                    + sequences + " sequences" : "") + "; the inputs have " + in.shape() + ", chunk_size " + in.chunkSize()
                    + (in.cuSeqlens() != null ? ", " + in.sequenceCount() + " sequences" : "") + ": build a graph for them");
        copy(in.x(), x, xH);
        copy(in.dt(), dt, dtH);
        copy(in.A(), a);
        copy(in.B(), b, bH);
        copy(in.C(), c, cH);
        if (in.D() != null) copy(in.D(), d);
        if (in.z() != null) copy(in.z(), z, zH);
        if (in.dtBias() != null) copy(in.dtBias(), dtBias);
        if (in.initialStates() != null) copy(in.initialStates(), initial);
        if (in.seqIdx() != null) MemorySegment.copy(in.seqIdx(), 0, seqIdx.getSegment(), ValueLayout.JAVA_INT, 0, in.seqIdx().length);
        if (in.cuSeqlens() != null) {
            int[] cu = in.cuSeqlens();
            MemorySegment.copy(cu, 0, cuSeqlens.getSegment(), ValueLayout.JAVA_INT, 0, cu.length);
            for (int i = 0; i + 1 < cu.length; i++) for (int t = cu[i]; t < cu[i + 1]; t++) seqIdx.set(t, i);
        }
    }

    /** Runs the graph once: inputs to the device, the tasks, outputs back. */
    public ExecutionProfile execute() { return plan.execute().profile(); }

    /** Copies the last execution's outputs into {@code out}. */
    public void readInto(SsdOutputs out) {
        if (bf16) {
            float[] to = out.y();
            for (int i = 0; i < to.length; i++) to[i] = yH.get(i);
        } else {
            copy(y, out.y());
        }
        copy(finalStates, out.finalStates());
        if (out.sequenceFinalStates() != null) copy(sequenceFinal, out.sequenceFinalStates());
    }

    public SsdShape shape() { return shape; }

    public int chunks() { return tasks.chunks(); }

    @Override public void close() { plan.close(); }



    private static void copy(float[] from, FloatArray to) {
        MemorySegment.copy(from, 0, to.getSegment(), ValueLayout.JAVA_FLOAT, 0, from.length);
    }

    /** Into the bf16 copy (rounded to nearest even) when this graph stores bf16, else into the fp32 one. */
    private void copy(float[] from, FloatArray to, BFloat16Array toBf16) {
        if (!bf16) {
            copy(from, to);
            return;
        }
        for (int i = 0; i < from.length; i++) toBf16.set(i, from[i]);
    }

    private static void copy(FloatArray from, float[] to) {
        MemorySegment.copy(from.getSegment(), ValueLayout.JAVA_FLOAT, 0, to, 0, to.length);
    }
}
