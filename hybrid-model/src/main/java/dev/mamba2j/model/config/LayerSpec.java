package dev.mamba2j.model.config;

/**
 * One block of the model: a pre-norm, its mixer, and optionally a pre-norm and gated MLP after it.
 *
 * @param index  position in the stack, 0-based
 * @param mixer  what mixes along the sequence
 * @param hasMlp whether a gated MLP follows the mixer (state-spaces {@code d_intermediate > 0})
 */
public record LayerSpec(int index, Mixer mixer, boolean hasMlp) {

    /** The sequence mixer of a block. */
    public enum Mixer {
        /** A Mamba-2 (SSD) mixer, described by {@link SsmConfig}. */
        MAMBA2,
        /** Multi-head attention, described by {@link AttentionConfig}. */
        ATTENTION
    }
}
