package dev.mamba2j.ssd;

/** Dot product of two contiguous float runs. */
final class Dot {

    private Dot() {}

    /**
     * {@code a[aOff..aOff+n) · b[bOff..bOff+n)}, summed in four interleaved partial sums so that
     * the additions do not wait on each other (a single running sum is one long dependency chain).
     */
    static float of(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
