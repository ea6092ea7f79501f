package dev.mamba2j.model.config;

/**
 * One block of the model: a pre-norm, its mixer, and optionally a pre-norm and MLP after it.
 *
 * @param index  position in the stack, 0-based
 * @param mixer  what the block computes after its pre-norm
 * @param hasMlp whether an MLP with its own pre-norm follows the mixer (state-spaces {@code d_intermediate > 0},
 *               every Bamba layer); never for an {@link Mixer#MLP} block
 */
public record LayerSpec(int index, Mixer mixer, boolean hasMlp) {

    public LayerSpec {
        if (mixer == Mixer.MLP && hasMlp) throw new IllegalArgumentException("layer " + index + " is an MLP block and cannot have a second MLP");
    }

    /** What a block computes after its pre-norm. */
    public enum Mixer {
        /** A Mamba-2 (SSD) mixer, described by {@link SsmConfig}. */
        MAMBA2,
        /** Multi-head attention, described by {@link AttentionConfig}. */
        ATTENTION,
        /** An MLP on its own, mixing nothing along the sequence (Nemotron-H's {@code "-"} blocks). */
        MLP
    }
}
