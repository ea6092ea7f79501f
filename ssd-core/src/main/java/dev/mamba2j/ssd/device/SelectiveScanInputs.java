package dev.mamba2j.ssd.device;

/**
 * The inputs of one Mamba-1 selective scan, channels last: u, delta, z (batch, L, d); A (d, n);
 * B, C (batch, L, groups, n), channel c reading group c / (d / groups); D, delta_bias (d).
 * D, z and delta_bias may be null (absent).
 *
 * @throws IllegalArgumentException if a size is not positive, d is not a multiple of groups, or an
 *                                  array's length does not match the sizes
 */
public record SelectiveScanInputs(int batch, int seqLen, int channels, int dState, int groups,
                                  float[] u, float[] delta, float[] A, float[] B, float[] C,
                                  float[] D, float[] z, float[] deltaBias, boolean deltaSoftplus) {

    public SelectiveScanInputs {
        if (batch < 1 || seqLen < 1 || channels < 1 || dState < 1 || groups < 1)
            throw new IllegalArgumentException("sizes must be positive: " + describeSizes(batch, seqLen, channels, dState, groups));
        if (channels % groups != 0)
            throw new IllegalArgumentException("d=" + channels + " is not a multiple of groups=" + groups);
        long tokens = (long) batch * seqLen;
        check("u", u, tokens * channels, false);
        check("delta", delta, tokens * channels, false);
        check("A", A, (long) channels * dState, false);
        check("B", B, tokens * groups * dState, false);
        check("C", C, tokens * groups * dState, false);
        check("D", D, channels, true);
        check("z", z, tokens * channels, true);
        check("delta_bias", deltaBias, channels, true);
    }

    /** The group whose B and C channel {@code c} reads. */
    public int groupOf(int channel) { return channel / (channels / groups); }

    /** Elements of u, delta, z and y. */
    public int tokenSize() { return batch * seqLen * channels; }

    /** Elements of the last state: (batch, d, n). */
    public int stateSize() { return batch * channels * dState; }

    /** Sizes and options, for messages. */
    public String describe() {
        return describeSizes(batch, seqLen, channels, dState, groups) + (D != null ? " D" : "") + (z != null ? " z" : "")
                + (deltaBias != null ? " delta_bias" : "") + (deltaSoftplus ? " softplus" : "");
    }

    private static String describeSizes(int batch, int seqLen, int channels, int dState, int groups) {
        return "batch=" + batch + " L=" + seqLen + " d=" + channels + " d_state=" + dState + " groups=" + groups;
    }

    private static void check(String name, float[] a, long expected, boolean optional) {
        if (a == null && optional) return;
        if (a == null) throw new IllegalArgumentException(name + " is required");
        if (a.length != expected) throw new IllegalArgumentException(name + " has " + a.length + " elements, expected " + expected);
    }
}
