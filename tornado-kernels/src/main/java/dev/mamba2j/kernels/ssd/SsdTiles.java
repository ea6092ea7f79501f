package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * The tiling shared by the GEMM-shaped SSD kernels ({@link ChunkCb}, {@link ChunkState}, {@link ChunkScan}).
 * A work-group of {@link #THREADS} work-items (four warps) owns a {@link #TILE}×{@link #TILE} output
 * tile, accumulated in local memory. The reduction runs in steps of {@link #STEP}: the work-items
 * stage a TILE×STEP slice of the left operand and a STEP×TILE slice of the right one (zero outside
 * the bounds, so that no size has to be a multiple of the tile), then the whole group adds their
 * product with {@code KernelContext.localGemm}, which runs on tensor cores where the device has them.
 * Local memory per group: (64·36 + 32·72 + 64·72)·4 bytes = 36 KiB.
 */
public final class SsdTiles {
    /** Output tile side, work-items per group (a multiple of 32, as localGemm needs), reduction step. */
    public static final int TILE = 64, THREADS = 128, STEP = 32;
    /**
     * Row strides of the staged left operand (TILE×STEP), the staged right operand (STEP×TILE) and the
     * accumulator (TILE×TILE). The padding (≡ 4 and ≡ 8 mod 32 floats) spreads the rows a tensor-core
     * fragment reads at once over distinct banks, so those reads do not conflict.
     */
    public static final int LDA = STEP + 4, LDB = TILE + 8, LDC = TILE + 8;
    /**
     * Staging passes: a work-item fills one column of the TILE×STEP operand, A_ROWS rows apart
     * (A_PASSES times), and one column of a STEP×TILE (or TILE×TILE) one, B_ROWS rows apart.
     */
    public static final int A_ROWS = THREADS / STEP, A_PASSES = TILE / A_ROWS, B_ROWS = THREADS / TILE,
            B_PASSES = STEP / B_ROWS, C_PASSES = TILE / B_ROWS;

    private SsdTiles() {}

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
     * acc += aTile·bTile for one step (TILE×STEP by STEP×TILE), by the whole work-group. With bf16
     * storage the operands carry bf16 data, so one TF32 product suffices (TF32 holds bf16 exactly;
     * the decays and dt folded into them round to TF32, well inside bf16's own precision); with fp32
     * storage the product keeps fp32 accuracy.
     */
    public static void multiplyAdd(KernelContext ctx, boolean bf16, float[] aTile, float[] bTile, float[] acc) {
        ctx.localGemm(TILE, TILE, STEP, aTile, LDA, bTile, LDB, acc, LDC, bf16);
    }

    /** ⌈n / TILE⌉: the tiles along a dimension of n (ragged last tile). */
    public static int tiles(int n) { return (n + TILE - 1) / TILE; }
}
