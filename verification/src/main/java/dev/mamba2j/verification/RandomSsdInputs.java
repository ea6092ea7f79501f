package dev.mamba2j.verification;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdShape;
import java.util.SplittableRandom;

/**
 * Seeded random SSD inputs in the ranges a trained Mamba-2 layer sees: x, B, C, z standard
 * normal; dt in [0.005, 0.1]; A in [-8, -0.5]. The same seed gives the same inputs.
 */
public final class RandomSsdInputs {

    private final SplittableRandom random;

    public RandomSsdInputs(long seed) {
        random = new SplittableRandom(seed);
    }

    /** A builder with x, dt, A, B and C set; options are left to the caller. */
    public SsdInputs.Builder builder(SsdShape s) {
        return SsdInputs.builder(s)
                .x(normal(s.xSize()))
                .dt(uniform(s.dtSize(), 0.005, 0.1))
                .A(uniform(s.heads(), -8, -0.5))
                .B(normal(s.bcSize()))
                .C(normal(s.bcSize()));
    }

    public float[] normal(long n) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    public float[] uniform(long n, double lo, double hi) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return v;
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }
}
