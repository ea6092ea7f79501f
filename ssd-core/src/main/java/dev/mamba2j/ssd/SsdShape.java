package dev.mamba2j.ssd;

/**
 * The sizes of one SSD problem.
 *
 * <p>Names follow the reference implementation: {@code batch}, sequence length {@code L}
 * ({@link #seqLen()}), {@code heads}, {@code headdim} ({@link #headDim()}), {@code groups}
 * (heads share their B and C within a group) and {@code d_state} ({@link #dState()}). Head
 * {@code h} reads B and C of group {@code h / (heads / groups)}.
 *
 * @throws IllegalArgumentException if a size is not positive or heads is not a multiple of groups
 */
public record SsdShape(int batch, int seqLen, int heads, int headDim, int groups, int dState) {

    public SsdShape {
        InputValidation.checkShape(batch, seqLen, heads, headDim, groups, dState);
    }

    /** The group whose B and C head {@code h} reads. */
    public int groupOf(int head) {
        return head / (heads / groups);
    }

    /** Elements of x, z and y: (batch, L, heads, headdim). */
    public long xSize() {
        return (long) batch * seqLen * heads * headDim;
    }

    /** Elements of dt: (batch, L, heads). */
    public long dtSize() {
        return (long) batch * seqLen * heads;
    }

    /** Elements of B and C: (batch, L, groups, d_state). */
    public long bcSize() {
        return (long) batch * seqLen * groups * dState;
    }

    /** Elements of one state: (heads, headdim, d_state). */
    public int stateSize() {
        return heads * headDim * dState;
    }

    @Override
    public String toString() {
        return "batch=" + batch + " L=" + seqLen + " heads=" + heads + " headdim=" + headDim
                + " groups=" + groups + " d_state=" + dState;
    }
}
