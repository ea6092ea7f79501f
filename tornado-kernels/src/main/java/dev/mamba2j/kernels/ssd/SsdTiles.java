package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * The tiling shared by the GEMM-shaped SSD kernels ({@link ChunkCb}, {@link ChunkState}, {@link ChunkScan}).
 * A work-group of {@link #THREADS} work-items owns a {@link #TILE}×{@link #TILE} output tile; work-item
 * (ty, tx) = (id / {@link #SIDE}, id % {@link #SIDE}) keeps the 8×8 register tile of rows ty + 8·i and
 * columns tx + 8·j. The reduction runs in steps of {@link #STEP}: each step stages a STEP×TILE slice
 * of both operands in local memory, k-major, rows padded to {@link #LD} floats so that the transposing
 * stores do not all fall into one bank.
 *
 * <p>The 8×8 register tile (64 accumulators, about 100–110 registers with ptxas for sm_90, no spills)
 * reads 16 local floats per 64 FMAs, half the loads per FMA of a 4×4 tile with 256 work-items,
 * which was bound by local-memory issue at about half the FMA rate.
 */
public final class SsdTiles {
    /** Output tile side, work-items per side, work-items per group, reduction step, padded row length. */
    public static final int TILE = 64, SIDE = 8, THREADS = 64, STEP = 16, LD = TILE + 1;
    /** Elements of one operand slice (STEP×TILE) each work-item stages per step. */
    public static final int PER_ITEM = TILE * STEP / THREADS;

    private SsdTiles() {}

    /**
     * An input element from whichever copy the graph holds: the bf16 one (widened exactly) when
     * {@code bf16}, else the fp32 one. The flag is uniform over a launch, so the branch costs nothing.
     */
    public static float load(FloatArray f, BFloat16Array h, boolean bf16, int i) { return bf16 ? h.get(i) : f.get(i); }

    /** Stores an output element into the bf16 copy (rounded to nearest even) or the fp32 one. */
    public static void store(FloatArray f, BFloat16Array h, boolean bf16, int i, float v) {
        if (bf16) h.set(i, v);
        else f.set(i, v);
    }

    /** ⌈n / TILE⌉: the tiles along a dimension of n (ragged last tile). */
    public static int tiles(int n) { return (n + TILE - 1) / TILE; }
}
