package dev.mamba2j.bench;

import dev.mamba2j.kernels.ssd.SsdTiling;
import dev.mamba2j.model.FastFill;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.ssd.device.SelectiveScanGraph;
import dev.mamba2j.ssd.device.SelectiveScanInputs;
import dev.mamba2j.ssd.device.SsdGraph;
import dev.mamba2j.kernels.attention.FlashAttention;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.Device;

/**
 * The three layers the studies time, each built once on a device with cheap random inputs
 * ({@link FastFill}) in the ranges a trained layer sees, then executed repeatedly.
 */
final class Workloads {
    private Workloads() {}

    /** One built graph that can be executed again and again. */
    interface Workload extends AutoCloseable {
        ExecutionProfile execute();

        @Override void close();
    }

    /** Element types of the token-sized SSD tensors on the device (x, dt, B, C, y); states stay fp32. */
    enum Dtype {
        FP32(4, SsdGraph.Storage.FP32), BF16(2, SsdGraph.Storage.BF16);

        final int bytes;
        final SsdGraph.Storage storage;

        Dtype(int bytes, SsdGraph.Storage storage) {
            this.bytes = bytes;
            this.storage = storage;
        }
    }

    /** SSD forward: x (batch, L, heads, headdim), dt, A, B and C (groups, d_state); no D, z or options. */
    static Workload ssd(Device device, SsdShape shape, int chunk, Dtype dtype, long seed) {
        return ssd(device, shape, chunk, dtype, seed, SsdTiling.forDevice(device));
    }

    /** The GEMM-shaped kernels on {@code tiling}, whichever the device would pick. */
    static Workload ssd(Device device, SsdShape shape, int chunk, Dtype dtype, long seed, SsdTiling tiling) {
        SsdInputs in = SsdInputs.builder(shape)
                .x(FastFill.unit(shape.xSize(), seed))
                .dt(FastFill.uniform(shape.dtSize(), 0.005f, 0.1f, seed + 1))
                .A(FastFill.uniform(shape.heads(), -8f, -0.5f, seed + 2))
                .B(FastFill.unit(shape.bcSize(), seed + 3))
                .C(FastFill.unit(shape.bcSize(), seed + 4))
                .chunkSize(chunk).build();
        SsdGraph graph = new SsdGraph(in, device, false, dtype.storage, tiling);
        return new Workload() {
            @Override public ExecutionProfile execute() { return graph.execute(); }

            @Override public void close() { graph.close(); }
        };
    }

    /** Mamba-1 fused selective scan: u, delta (batch, L, channels), A (channels, d_state), B, C (batch, L, 1, d_state). */
    static Workload selectiveScan(Device device, int batch, int len, int channels, int dState, long seed) {
        long tokens = (long) batch * len;
        SelectiveScanInputs in = new SelectiveScanInputs(batch, len, channels, dState, 1,
                FastFill.unit(tokens * channels, seed), FastFill.uniform(tokens * channels, 0.005f, 0.1f, seed + 1),
                FastFill.uniform((long) channels * dState, -8f, -0.5f, seed + 2),
                FastFill.unit(tokens * dState, seed + 3), FastFill.unit(tokens * dState, seed + 4),
                null, null, null, false);
        SelectiveScanGraph graph = new SelectiveScanGraph(in, device, false);
        return new Workload() {
            @Override public ExecutionProfile execute() { return graph.execute(); }

            @Override public void close() { graph.close(); }
        };
    }

    /**
     * Causal attention as the hybrid models run it: the tiled prefill kernel over batch sequences of L tokens,
     * q fp32, k and v bf16, both products on TF32 tensor cores where the device has them, tiles chosen for
     * the device's local memory.
     */
    static Workload flashAttention(Device device, int batch, int len, int heads, int headDim) {
        FlashAttention.Tiles tile = FlashAttention.Tiles.forDevice(headDim, device.largestLocalMemoryBytes());
        TaskGraph g = AttentionBenchCommand.prefillGraph(batch, len, heads, heads, headDim, tile, true, true);
        ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("prefill", AttentionBenchCommand.prefillGrid(batch, len, heads, tile));
        return new Workload() {
            @Override public ExecutionProfile execute() { return plan.execute().profile(); }

            @Override public void close() { plan.close(); }
        };
    }
}
