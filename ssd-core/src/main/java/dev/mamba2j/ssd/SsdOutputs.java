package dev.mamba2j.ssd;

/**
 * The results of one SSD forward pass, as row-major arrays.
 *
 * @param y                   (batch, L, heads, headdim)
 * @param finalStates         (batch, heads, headdim, d_state): the state after the last token of
 *                            each row
 * @param sequenceFinalStates (nseq, heads, headdim, d_state) with cu_seqlens: the state after
 *                            each sequence's last token (its initial state, or zero, when it is
 *                            empty); null without cu_seqlens
 */
public record SsdOutputs(float[] y, float[] finalStates, float[] sequenceFinalStates) {

    /** Fresh output arrays sized for {@code in}. */
    public static SsdOutputs allocate(SsdInputs in) {
        SsdShape s = in.shape();
        return new SsdOutputs(
                new float[Math.toIntExact(s.xSize())],
                new float[Math.multiplyExact(s.batch(), s.stateSize())],
                in.cuSeqlens() == null ? null : new float[Math.multiplyExact(in.sequenceCount(), s.stateSize())]);
    }

    /** @throws IllegalArgumentException if these arrays do not have the sizes {@code in} needs */
    public void checkFits(SsdInputs in) {
        SsdShape s = in.shape();
        fits("y", y, s.xSize());
        fits("final states", finalStates, (long) s.batch() * s.stateSize());
        if (in.cuSeqlens() != null) {
            fits("sequence final states", sequenceFinalStates, (long) in.sequenceCount() * s.stateSize());
        }
    }

    private static void fits(String name, float[] array, long expected) {
        if (array == null || array.length != expected) {
            throw new IllegalArgumentException("output " + name + " has "
                    + (array == null ? "no array" : array.length + " elements") + ", expected " + expected);
        }
    }
}
