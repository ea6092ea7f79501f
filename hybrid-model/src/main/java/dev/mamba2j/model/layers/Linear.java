package dev.mamba2j.model.layers;

import dev.mamba2j.kernels.linalg.LinearCompact;
import dev.mamba2j.kernels.linalg.LinearDecode;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * A linear layer y = x·Wᵀ (+ b), W (out, in) as PyTorch stores it, in fp32 or bf16 (exactly one of
 * {@code w32}, {@code w16} holds it, the other is a placeholder). Many rows (prefill) run on tensor-core
 * tiles; few rows (decoding) run the form that reads W once for all rows, bf16 W two elements a load
 * where {@code in} is even ({@code w16Pairs}, a view of w16's memory; null otherwise).
 */
public record Linear(int in, int out, FloatArray w32, BFloat16Array w16, IntArray w16Pairs, FloatArray bias) {
    /** Local memory a work-group of the smallest tiled form takes ({@link LinearCompact}). */
    public static final long TILED_LOCAL_BYTES = LinearCompact.LOCAL_BYTES;

    /** Whether the device's local memory holds a tiled form (prompts of more than {@link #DECODE_ROWS} rows need one). */
    public static boolean tiledFits(dev.mamba2j.tornado.api.Device device) { return device.localMemoryBytes() >= TILED_LOCAL_BYTES; }

    /** Rows up to which the decoding form is used. */
    public static final int DECODE_ROWS = LinearDecode.MAX_ROWS;
    private static final FloatArray NO_BIAS = new FloatArray(1);

    public static Linear fp32(int in, int out, FloatArray w, FloatArray bias) { return new Linear(in, out, w, new BFloat16Array(1), null, bias); }

    public static Linear bf16(int in, int out, BFloat16Array w, FloatArray bias) {
        return new Linear(in, out, new FloatArray(1), w, in % 2 == 0 ? IntArray.view(w) : null, bias);
    }

    public boolean isBf16() { return w16.getSize() > 1; }

    /** Weight bytes read per call. */
    public long weightBytes() { return (long) in * out * (isBf16() ? 2 : 4); }

    /** Adds the task {@code name}: y (rows, out) = x (rows, in)·Wᵀ (+ b). */
    public void add(DeviceGraph g, String name, FloatArray x, FloatArray y, int rows) {
        FloatArray b = bias == null ? NO_BIAS : bias;
        boolean hasBias = bias != null;
        KernelContext ctx = new KernelContext();
        if (rows <= DECODE_ROWS) {
            int threads = LinearDecode.threads(rows);
            if (w16Pairs != null) g.tasks().task(name, LinearDecode::linearBf16Pairs, ctx, x, w16Pairs, b, y, rows, in, out, hasBias, threads, LinearDecode.unroll(rows, in / 2));
            else if (isBf16()) g.tasks().task(name, LinearDecode::linearBf16, ctx, x, w16, b, y, rows, in, out, hasBias, threads, LinearDecode.unroll(rows, in));
            else g.tasks().task(name, LinearDecode::linear, ctx, x, w32, b, y, rows, in, out, hasBias, threads, LinearDecode.unroll(rows, in));
            g.grid(name, WorkerGrid.of1D(threads * LinearDecode.groups(out)).setLocalWork(threads));
        } else {
            // The tiles tuned for 48 KiB where the device holds them, else the compact ones (same grid).
            long local = g.localMemoryBytes();
            if (isBf16() && local >= dev.mamba2j.kernels.linalg.Linear.BF16_LOCAL_BYTES)
                g.tasks().task(name, dev.mamba2j.kernels.linalg.Linear::linearBf16, ctx, x, w16, b, y, rows, in, out, hasBias);
            else if (isBf16()) g.tasks().task(name, LinearCompact::linearBf16, ctx, x, w16, b, y, rows, in, out, hasBias);
            else if (local >= dev.mamba2j.kernels.linalg.Linear.LOCAL_BYTES)
                g.tasks().task(name, dev.mamba2j.kernels.linalg.Linear::linear, ctx, x, w32, b, y, rows, in, out, hasBias);
            else g.tasks().task(name, LinearCompact::linear, ctx, x, w32, b, y, rows, in, out, hasBias);
            int tile = dev.mamba2j.kernels.linalg.Linear.TILE, threads = dev.mamba2j.kernels.linalg.Linear.THREADS;
            g.grid(name, WorkerGrid.of2D(threads * ceil(rows, tile), ceil(out, tile)).setLocalWork(threads, 1));
        }
    }

    static int ceil(int a, int b) { return (a + b - 1) / b; }
}
