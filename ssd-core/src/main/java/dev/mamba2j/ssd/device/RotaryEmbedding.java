package dev.mamba2j.ssd.device;

/**
 * Rotary position embedding settings: the leading {@code rotaryDim} dimensions of each head are
 * rotated, pair i at angle position·base^(−2i/rotaryDim); pairs are (i, i + rotaryDim/2), or
 * (2i, 2i+1) when {@code interleaved}; token t sits at position t + {@code positionOffset}.
 */
public record RotaryEmbedding(int rotaryDim, double base, boolean interleaved, int positionOffset) {

    public RotaryEmbedding {
        if (rotaryDim < 2 || rotaryDim % 2 != 0) throw new IllegalArgumentException("rotary_dim must be even and positive, got " + rotaryDim);
        if (!(base > 1)) throw new IllegalArgumentException("base must be above 1, got " + base);
        if (positionOffset < 0) throw new IllegalArgumentException("position offset must not be negative, got " + positionOffset);
    }

    /** cos and sin of every angle for {@code positions} positions, (positions, rotaryDim/2) each, rounded to fp32. */
    public float[][] tables(int positions) {
        int half = rotaryDim / 2;
        float[] cos = new float[positions * half], sin = new float[positions * half];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * Math.pow(base, -2.0 * i / rotaryDim);
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
        return new float[][] {cos, sin};
    }
}
