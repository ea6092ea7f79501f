package dev.mamba2j.model;

import java.util.stream.IntStream;

/**
 * Cheap random fills for benchmark inputs (a GiB of x must not take a minute): each block of
 * the array gets its own xorshift32 generator seeded from (seed, block), so blocks are filled in
 * parallel and the result does not depend on the thread count. Uniform values only; timing does not
 * care about the distribution as long as the values are in the ranges a layer sees.
 */
public final class FastFill {
    private static final int BLOCK = 1 << 16;

    private FastFill() {}

    /** Uniform in [lo, hi). */
    public static float[] uniform(long n, float lo, float hi, long seed) {
        float[] v = new float[Math.toIntExact(n)];
        int blocks = (v.length + BLOCK - 1) / BLOCK;
        float scale = (hi - lo) / (1 << 24);
        IntStream.range(0, blocks).parallel().forEach(blk -> {
            int s = (int) (mix(seed * 0x9E3779B97F4A7C15L + blk) | 1); // xorshift32 state, never 0
            for (int i = blk * BLOCK, end = Math.min(v.length, i + BLOCK); i < end; i++) {
                s ^= s << 13;
                s ^= s >>> 17;
                s ^= s << 5;
                v[i] = lo + (s >>> 8) * scale;
            }
        });
        return v;
    }

    /** Uniform with mean 0 and variance 1: [−√3, √3). */
    public static float[] unit(long n, long seed) {
        float r = (float) Math.sqrt(3);
        return uniform(n, -r, r, seed);
    }

    private static long mix(long z) { // splitmix64's finaliser
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
