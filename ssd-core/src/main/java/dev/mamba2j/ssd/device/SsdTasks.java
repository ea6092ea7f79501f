package dev.mamba2j.ssd.device;

import dev.mamba2j.kernels.ssd.ChunkCb;
import dev.mamba2j.kernels.ssd.ChunkCumsum;
import dev.mamba2j.kernels.ssd.ChunkScan;
import dev.mamba2j.kernels.ssd.ChunkState;
import dev.mamba2j.kernels.ssd.SequenceStates;
import dev.mamba2j.kernels.ssd.SsdTiling;
import dev.mamba2j.kernels.ssd.StatePassing;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SSD forward's tasks (chunk cumsum, C·Bᵀ, chunk states, state passing, chunk scan and, with
 * cu_seqlens, the per-sequence final states) for a task graph that may hold other work: the caller
 * owns the inputs and outputs, so they can stay on the device between tasks (a model's layers). The
 * intermediate arrays belong to this object and are shared by every use of it, so one instance serves
 * all the layers of a model.
 */
public final class SsdTasks {
    /** Task names, in execution order. */
    public static final String CUMSUM = "cumsum", CB = "cb", STATES = "states", PASSING = "passing",
            SCAN = "scan", SEQUENCE_STATES = "sequenceStates";

    /**
     * How the forward runs.
     *
     * @param sequences   packed sequences (cu_seqlens has sequences + 1 entries), or 0 for batch rows
     * @param dMode       {@link ChunkScan#D_NONE}, {@link ChunkScan#D_PER_HEAD} or {@link ChunkScan#D_PER_CHANNEL}
     * @param hasSeqIdx   seq_idx marks sequence boundaries (always with cu_seqlens)
     * @param bf16        x, B, C, z, dt and y are stored as bf16 (the *H arrays of {@link Io})
     */
    public record Options(SsdShape shape, int chunk, int sequences, boolean dtSoftplus, float dtMin, float dtMax, int dMode,
                          boolean hasZ, boolean hasSeqIdx, boolean hasInitialStates, boolean bf16) {
        int chunks() { return (shape.seqLen() + chunk - 1) / chunk; }
    }

    /**
     * The caller's arrays, shaped as {@link dev.mamba2j.ssd.SsdInputs} describes; an array an option
     * leaves unused may have one element. With bf16 storage the *H arrays hold x, dt, B, C, z and y.
     */
    public record Io(FloatArray x, FloatArray dt, FloatArray a, FloatArray b, FloatArray c, FloatArray d, FloatArray z,
                     FloatArray dtBias, FloatArray initialStates, IntArray seqIdx, IntArray cuSeqlens, FloatArray y,
                     FloatArray finalStates, FloatArray sequenceFinalStates, BFloat16Array xH, BFloat16Array dtH,
                     BFloat16Array bH, BFloat16Array cH, BFloat16Array zH, BFloat16Array yH) {
        /** fp32 storage: the bf16 arrays are unused placeholders. */
        public static Io fp32(FloatArray x, FloatArray dt, FloatArray a, FloatArray b, FloatArray c, FloatArray d, FloatArray z,
                              FloatArray dtBias, FloatArray initialStates, IntArray seqIdx, IntArray cuSeqlens, FloatArray y,
                              FloatArray finalStates, FloatArray sequenceFinalStates) {
            BFloat16Array none = new BFloat16Array(1);
            return new Io(x, dt, a, b, c, d, z, dtBias, initialStates, seqIdx, cuSeqlens, y, finalStates, sequenceFinalStates,
                    none, none, none, none, none, none);
        }
    }

    private final Options o;
    private final FloatArray dtOut, dACumsum, cb, states, prevStates;

    public SsdTasks(Options options) {
        this.o = options;
        SsdShape s = o.shape();
        long rows = (long) s.batch() * s.heads() * o.chunks();
        dtOut = new FloatArray(size("dt per chunk (batch × heads × chunks × chunk_size)", rows * o.chunk()));
        dACumsum = new FloatArray(size("the cumulative decays (batch × heads × chunks × chunk_size)", rows * o.chunk()));
        cb = new FloatArray(size("C·Bᵀ (batch × chunks × groups × chunk_size²)", (long) s.batch() * o.chunks() * s.groups() * o.chunk() * o.chunk()));
        states = new FloatArray(size("the chunk states (batch × chunks × heads × headdim × d_state)", (long) s.batch() * o.chunks() * s.stateSize()));
        prevStates = new FloatArray(size("the entering states (batch × chunks × heads × headdim × d_state)", (long) s.batch() * o.chunks() * s.stateSize()));
    }

    /**
     * Appends the tasks, named {@code prefix + CUMSUM} etc., reading and writing {@code io}, the GEMM-shaped
     * steps on {@code tiling} ({@link SsdTiling#forDevice}; {@link #grids} must be given the same).
     */
    public TaskGraph add(TaskGraph graph, String prefix, Io io, SsdTiling tiling) {
        int tile = tiling.tile(), step = tiling.step(), threads = tiling.threads();
        SsdShape s = o.shape();
        int len = s.seqLen(), heads = s.heads(), p = s.headDim(), groups = s.groups(), n = s.dState(), chunk = o.chunk(),
                nChunks = o.chunks();
        int scanFlags = (o.hasZ() ? ChunkScan.HAS_Z : 0) | (o.hasSeqIdx() ? ChunkScan.HAS_SEQ_IDX : 0) | (o.bf16() ? ChunkScan.BF16 : 0);
        KernelContext ctx = new KernelContext();
        graph
                .task(prefix + CUMSUM, ChunkCumsum::chunkCumsum, ctx, io.dt(), io.dtH(), io.dtBias(), io.a(), dtOut, dACumsum, len,
                        heads, chunk, nChunks, o.dtSoftplus(), o.dtMin(), o.dtMax(), o.bf16())
                .task(prefix + CB, ChunkCb::chunkCb, ctx, io.b(), io.c(), io.bH(), io.cH(), cb, len, groups, n, chunk, nChunks, o.bf16(),
                        tile, step, threads)
                .task(prefix + STATES, ChunkState::chunkState, ctx, io.x(), io.b(), io.xH(), io.bH(), dtOut, dACumsum, io.seqIdx(),
                        states, len, heads, p, groups, n, chunk, nChunks, o.hasSeqIdx(), o.bf16(), tile, step, threads)
                .task(prefix + PASSING, StatePassing::statePassing, ctx, states, dACumsum, io.initialStates(), io.seqIdx(),
                        prevStates, io.finalStates(), len, heads, p * n, chunk, nChunks, s.batch() * heads, o.hasInitialStates(),
                        o.hasSeqIdx())
                .task(prefix + SCAN, ChunkScan::chunkScan, ctx, io.x(), io.z(), io.c(), io.xH(), io.zH(), io.cH(), cb, dtOut,
                        dACumsum, prevStates, io.d(), io.seqIdx(), io.y(), io.yH(), len, heads, p, groups, n, chunk, o.dMode(),
                        scanFlags, tile, step, threads);
        if (o.sequences() > 0)
            graph.task(prefix + SEQUENCE_STATES, SequenceStates::sequenceStates, ctx, io.x(), io.b(), io.xH(), io.bH(), dtOut,
                    dACumsum, prevStates, io.cuSeqlens(), io.sequenceFinalStates(), heads, p, groups, n, chunk, nChunks, o.bf16());
        return graph;
    }

    /** The grid of each task on {@code tiling}, by its name without prefix. */
    public Map<String, WorkerGrid> grids(SsdTiling tiling) {
        SsdShape s = o.shape();
        int p = s.headDim(), n = s.dState(), chunk = o.chunk(), rows = s.batch() * s.heads() * o.chunks(),
                sTiles = tiling.tiles(chunk);
        Map<String, WorkerGrid> grids = new LinkedHashMap<>();
        grids.put(CUMSUM, WorkerGrid.of1D(chunk * rows).setLocalWork(chunk));
        grids.put(CB, tiled(tiling, s.batch() * o.chunks() * s.groups() * sTiles * sTiles));
        grids.put(STATES, tiled(tiling, rows * tiling.tiles(p) * tiling.tiles(n)));
        grids.put(PASSING, WorkerGrid.of1D(p * n * s.batch() * s.heads()).setLocalWork(Math.min(256, p * n)));
        grids.put(SCAN, tiled(tiling, rows * sTiles * tiling.tiles(p)));
        if (o.sequences() > 0) grids.put(SEQUENCE_STATES, WorkerGrid.of1D(n * p * s.heads() * o.sequences()).setLocalWork(n));
        return grids;
    }

    /** Sets the grids of the tasks {@link #add} named with {@code prefix} on {@code tiling}. */
    public ExecutionPlan grids(ExecutionPlan plan, String prefix, SsdTiling tiling) {
        grids(tiling).forEach((task, grid) -> plan.withGrid(prefix + task, grid));
        return plan;
    }

    /** Chunks per row of the batch. */
    public int chunks() { return o.chunks(); }

    /** {@code n} elements of {@code what} as an array length, or an error naming the array and the limit. */
    public static int size(String what, long n) {
        if (n > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("the SSD would need " + String.format("%,d", n) + " elements for " + what
                    + ", more than one array holds (2^31 − 1): use fewer tokens per call or a smaller chunk_size");
        return (int) n;
    }

    /**
     * Refuses a device whose work-groups are too small for this chunk size: the chunk cumsum runs one
     * work-item per token of a chunk, so chunk_size must not exceed the device's largest work-group.
     */
    public static void checkDevice(int chunk, dev.mamba2j.tornado.api.Device device) {
        if (chunk > device.maxWorkGroupSize())
            throw new IllegalArgumentException("chunk_size " + chunk + " is larger than the largest work-group of " + device.id() + " ("
                    + device.maxWorkGroupSize() + " work-items): the SSD's chunk cumsum runs one work-item per token of a chunk;"
                    + " use a chunk_size of at most " + device.maxWorkGroupSize());
    }

    /** One work-group per output tile (1D: the tile count exceeds CUDA's grid-y limit). */
    private static WorkerGrid tiled(SsdTiling tiling, int tiles) {
        return WorkerGrid.of1D(Math.multiplyExact(tiles, tiling.threads())).setLocalWork(tiling.threads());
    }
}
