package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.KernelContext;

/**
 * The tiling of {@link SsdTiles} with half the reduction step, for devices whose local memory is smaller
 * than the 36 KiB those tiles take (Mesa's lavapipe and Apple GPUs offer 32 KiB). The output tile, the
 * work-group and the accumulator stay the same; only the staged slices shrink: (64·20 + 16·72 + 64·72)·4
 * bytes = 27.5 KiB, twice the steps (and barriers) for the same product. The kernels' {@code …Compact}
 * forms read these constants where the others read {@link SsdTiles}'; the host code picks a form from the
 * device's local memory ({@link #needed}).
 */
public final class CompactTiles {
    /** Output tile side and work-items per group as in {@link SsdTiles}; the reduction step halved. */
    public static final int TILE = SsdTiles.TILE, THREADS = SsdTiles.THREADS, STEP = SsdTiles.STEP / 2;
    /** Row strides, padded as in {@link SsdTiles}. */
    public static final int LDA = STEP + 4, LDB = TILE + 8, LDC = TILE + 8;
    /** Staging passes, as in {@link SsdTiles}. */
    public static final int A_ROWS = THREADS / STEP, A_PASSES = TILE / A_ROWS, B_ROWS = THREADS / TILE,
            B_PASSES = STEP / B_ROWS, C_PASSES = TILE / B_ROWS;
    /**
     * Local memory the tiles of {@link SsdTiles} take, the largest of the SSD kernels' own rows included
     * (chunk scan's four rows of TILE): below it a device runs the compact forms.
     */
    public static final long FULL_BYTES = 4L * (SsdTiles.TILE * SsdTiles.LDA + SsdTiles.STEP * SsdTiles.LDB
            + SsdTiles.TILE * SsdTiles.LDC + 4 * SsdTiles.TILE);
    /** The same for these tiles. */
    public static final long BYTES = 4L * (TILE * LDA + STEP * LDB + TILE * LDC + 4 * TILE);

    private CompactTiles() {}

    /** True if a device with this much local memory needs the compact forms (the full tiles do not fit). */
    public static boolean needed(long localMemoryBytes) { return localMemoryBytes < FULL_BYTES; }

    /** acc += aTile·bTile for one step (TILE×STEP by STEP×TILE), as {@link SsdTiles#multiplyAdd}. */
    public static void multiplyAdd(KernelContext ctx, boolean bf16, float[] aTile, float[] bTile, float[] acc) {
        ctx.localGemm(TILE, TILE, STEP, aTile, LDA, bTile, LDB, acc, LDC, bf16);
    }
}
