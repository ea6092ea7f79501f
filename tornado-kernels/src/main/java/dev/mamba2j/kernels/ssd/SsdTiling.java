package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Device;
import java.util.List;
import java.util.Set;

/**
 * A tiling of the GEMM-shaped SSD kernels ({@link ChunkCb}, {@link ChunkState}, {@link ChunkScan}): a
 * work-group of {@code threads} work-items owns a {@code tile}×{@code tile} output tile, accumulated in
 * local memory, and reduces in steps of {@code step} (see {@link SsdTiles}). The kernels take the three
 * numbers as their last arguments, which the JIT folds in (they size local arrays), so each tiling is its
 * own compiled code with the same source.
 *
 * <p>Bigger tiles read each input fewer times; smaller ones fit devices with little local memory.
 * Measured on the H200 (docs/results/h200/vulkan/small-tiles): the fp32 sweep at L 16K takes 9.75 ms on
 * the small tiles through CUDA (localGemm's warp tiles spread over four warps) against the full tiles'
 * 5.55, and through NVIDIA's Vulkan driver 37.5 against 37.4–40.4 (where the full tiles leave one
 * work-group per multiprocessor), so a device runs the largest tiles that fit.
 *
 * @param name    how benchmarks and the {@code mamba2j.ssd.tiles} property name it
 * @param tile    output tile side (a multiple of 16)
 * @param step    reduction step (a multiple of 16)
 * @param threads work-items per group (a multiple of 32 and of tile; threads/step divides tile, threads/tile divides step)
 */
public record SsdTiling(String name, int tile, int step, int threads) {
    /** 64×64 tiles, steps of 32, four warps: (64·36 + 32·72 + 64·72 + 4·64)·4 bytes = 36.8 KiB. */
    public static final SsdTiling FULL = new SsdTiling("full", 64, 32, 128);
    /** FULL with half the step, for 32 KiB of local memory (Mesa's lavapipe, Apple GPUs): 27.5 KiB. */
    public static final SsdTiling COMPACT = new SsdTiling("compact", 64, 16, 128);
    /** 32×32 tiles, steps of 16, four warps (one 16×16 warp tile each): 10.5 KiB. */
    public static final SsdTiling SMALL = new SsdTiling("small", 32, 16, 128);
    /** Every tiling, largest first. */
    public static final List<SsdTiling> ALL = List.of(FULL, COMPACT, SMALL);
    /** The kernels whose last three parameters are a tiling's tile, step and threads. */
    public static final Set<Class<?>> KERNELS = Set.of(ChunkCb.class, ChunkState.class, ChunkScan.class);

    public SsdTiling {
        if (tile % 16 != 0 || step % 16 != 0 || threads % 32 != 0 || threads % tile != 0 || threads % step != 0
                || tile % (threads / step) != 0 || step % (threads / tile) != 0)
            throw new IllegalArgumentException("SSD tiling " + name + ": tile " + tile + ", step " + step + ", threads " + threads
                    + " do not divide as the kernels' staging needs");
    }

    /** Local memory one work-group takes: the staged slices, the accumulator and the chunk scan's four rows. */
    public long bytes() {
        return 4L * (tile * SsdTiles.lda(step) + step * SsdTiles.ldb(tile) + tile * SsdTiles.ldc(tile) + 4 * tile);
    }

    /** A copy of a {@link #KERNELS} kernel's arguments with this tiling in its last three. */
    public Object[] into(Object[] args) {
        Object[] a = args.clone();
        a[a.length - 3] = tile;
        a[a.length - 2] = step;
        a[a.length - 1] = threads;
        return a;
    }

    /** ⌈n / tile⌉: the tiles along a dimension of n (ragged last tile). */
    public int tiles(int n) { return (n + tile - 1) / tile; }

    /** The tiling called {@code name}, or an error listing the names. */
    public static SsdTiling named(String name) {
        for (SsdTiling t : ALL) if (t.name.equals(name)) return t;
        throw new IllegalArgumentException("no SSD tiling named '" + name + "'; there are " + ALL.stream().map(SsdTiling::name).toList());
    }

    /**
     * The tiling for a device: the {@code mamba2j.ssd.tiles} property where set, else the largest that
     * fits a work-group's local memory there.
     */
    public static SsdTiling forDevice(Device device) {
        String forced = System.getProperty("mamba2j.ssd.tiles");
        return forced != null ? named(forced).checkUsable(device) : largestWithin(device.localMemoryBytes());
    }

    /**
     * This tiling, or an error naming it and the device where it cannot run there: its local memory exceeds
     * a work-group's, or it is the small tiling on PoCL, whose compiler (3.1) lets the last work-item of a
     * 128-wide group past the chunk scan's headdim bound (wrong outputs, writes past y; the same code is
     * right on the JVM, on lavapipe and in checked mode).
     */
    public SsdTiling checkUsable(Device device) {
        if (bytes() > device.localMemoryBytes())
            throw new IllegalArgumentException("the SSD's " + name + " tiles take " + bytes() + " bytes of local memory; "
                    + device.id() + " gives a work-group " + device.localMemoryBytes());
        if (this.equals(SMALL) && isPocl(device))
            throw new IllegalArgumentException("the SSD's small tiles are not run through PoCL (" + device.id() + "): its compiler"
                    + " miscompiles their chunk scan; use the full or compact tiles there");
        return this;
    }

    private static boolean isPocl(Device device) {
        return device.details().contains("Portable Computing Language") || device.details().contains("PoCL");
    }

    /** The largest tiling that fits in this much local memory, or an error naming the smallest's need. */
    public static SsdTiling largestWithin(long localMemoryBytes) {
        for (SsdTiling t : ALL) if (t.bytes() <= localMemoryBytes) return t;
        SsdTiling least = ALL.getLast();
        throw new IllegalArgumentException("the SSD's smallest tiles take " + least.bytes() + " bytes of local memory, more than the "
                + localMemoryBytes + " a work-group has");
    }
}
