package dev.mamba2j.verification;

/**
 * Double-precision results of a reference SSD, with the layouts of
 * {@link dev.mamba2j.ssd.SsdOutputs}: y (batch, L, heads, headdim), final states
 * (batch, heads, headdim, d_state) and, with cu_seqlens, per-sequence final states
 * (nseq, heads, headdim, d_state), else null.
 */
public record ReferenceResult(double[] y, double[] finalStates, double[] sequenceFinalStates) {}
