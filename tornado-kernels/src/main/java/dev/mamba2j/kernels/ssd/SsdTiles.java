package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * The staging and the product shared by the GEMM-shaped SSD kernels ({@link ChunkCb}, {@link ChunkState},
 * {@link ChunkScan}), for the tiling the kernel is given ({@link SsdTiling}: tile, step, threads). A work-group
 * owns a tile×tile output tile, accumulated in local memory. The reduction runs in steps: the work-items
 * stage a tile×step slice of the left operand and a step×tile slice of the right one (zero outside the
 * bounds, so that no size has to be a multiple of the tile), then the whole group adds their product with
 * {@code KernelContext.localGemm}, which runs on tensor cores where the device has them.
 */
public final class SsdTiles {
    private SsdTiles() {}

    /**
     * Row strides of the staged left operand (tile×step), the staged right operand (step×tile) and the
     * accumulator (tile×tile). The padding (≡ 4 and ≡ 8 mod 32 floats where the sides are multiples of 32)
     * spreads the rows a tensor-core fragment reads at once over distinct banks, so those reads do not conflict.
     */
    public static int lda(int step) { return step + 4; }

    public static int ldb(int tile) { return tile + 8; }

    public static int ldc(int tile) { return tile + 8; }

    /**
     * An input element from whichever copy the graph holds: the bf16 one (widened exactly) when
     * {@code bf16}, else the fp32 one. The flag is uniform over a launch, so the branch costs nothing.
     */
    public static float load(FloatArray f, BFloat16Array h, boolean bf16, int i) { return bf16 ? h.get(i) : f.get(i); }

    /**
     * Loads a step's column of the operand a work-item stages: out[r] = element base + row·stride with
     * row = min(first + r·step, last), for r < out.length. The rows past last are clamped onto it, so
     * every address is valid and no load waits behind a bounds branch: the loads are all issued before
     * any is used (out is a private array, kept in registers once the JIT unrolls the loop), and the
     * caller masks the clamped rows when it stores them.
     */
    public static void loadRows(FloatArray f, int base, int stride, int first, int step, int last, float[] out) {
        for (int r = 0; r < out.length; r++) out[r] = f.get(base + Math.min(first + r * step, last) * stride);
    }

    /** {@link #loadRows(FloatArray, int, int, int, int, int, float[])} from a bf16 copy, widened exactly. */
    public static void loadRows(BFloat16Array f, int base, int stride, int first, int step, int last, float[] out) {
        for (int r = 0; r < out.length; r++) out[r] = f.get(base + Math.min(first + r * step, last) * stride);
    }

    /** The rows from whichever copy the graph holds (see {@link #load}); the flag is uniform over a launch. */
    public static void loadRows(FloatArray f, BFloat16Array h, boolean bf16, int base, int stride, int first, int step, int last,
                                float[] out) {
        if (bf16) loadRows(h, base, stride, first, step, last, out);
        else loadRows(f, base, stride, first, step, last, out);
    }

    /** Stores an output element into the bf16 copy (rounded to nearest even) or the fp32 one. */
    public static void store(FloatArray f, BFloat16Array h, boolean bf16, int i, float v) {
        if (bf16) h.set(i, v);
        else f.set(i, v);
    }

    /**
     * acc += aTile·bTile for one step (tile×step by step×tile), by the whole work-group. With bf16
     * storage the operands carry bf16 data, so one TF32 product suffices (TF32 holds bf16 exactly;
     * the decays and dt folded into them round to TF32, well inside bf16's own precision); with fp32
     * storage the product keeps fp32 accuracy.
     */
    public static void multiplyAdd(KernelContext ctx, boolean bf16, int tile, int step, float[] aTile, float[] bTile, float[] acc) {
        ctx.localGemm(tile, tile, step, aTile, lda(step), bTile, ldb(tile), acc, ldc(tile), bf16);
    }
}
