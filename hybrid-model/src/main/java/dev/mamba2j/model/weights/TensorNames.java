package dev.mamba2j.model.weights;

import java.util.Optional;

/**
 * One set of canonical tensor names over the two checkpoint schemes. Canonical names are the
 * checkpoints' own without the {@code backbone.} prefix: {@value #EMBEDDING},
 * {@code layers.{i}.norm.weight}, {@code layers.{i}.mixer.in_proj.weight}, ..., {@value #FINAL_NORM},
 * {@value #LM_HEAD}. The schemes differ only in the embedding: transformers'
 * {@code Mamba2ForCausalLM} names it {@code backbone.embeddings.weight}, mamba_ssm's
 * {@code MambaLMHeadModel} {@code backbone.embedding.weight}; the mixer's names are the same in both
 * ({@code mixer.norm.weight} is the gated RMSNorm).
 */
public final class TensorNames {
    public static final String EMBEDDING = "embedding.weight";
    public static final String FINAL_NORM = "norm_f.weight";
    /** Present only when the norms are LayerNorm ({@code rms_norm} false). */
    public static final String FINAL_NORM_BIAS = "norm_f.bias";
    public static final String LM_HEAD = "lm_head.weight";

    private static final String BACKBONE = "backbone.";
    private static final String HF_EMBEDDING = "backbone.embeddings.weight";
    private static final String SS_EMBEDDING = "backbone.embedding.weight";

    /** How a checkpoint names its tensors. */
    public enum Scheme {
        /** transformers' Mamba2ForCausalLM. */
        HUGGING_FACE,
        /** mamba_ssm's MambaLMHeadModel. */
        STATE_SPACES,
        /** transformers' BambaForCausalLM: other names throughout, and some canonical tensors in parts ({@link BambaNames}). */
        BAMBA,
        /**
         * transformers' NemotronHForCausalLM: Mamba-2 names as Mamba2ForCausalLM's, attention and MLP blocks' in parts
         * or renamed ({@link NemotronHNames}); told from the config, as its embedding is named as Mamba2ForCausalLM's.
         */
        NEMOTRON_H;

        /** Whether some canonical tensors are stored under other names or in parts, by the layer's kind. */
        public boolean byLayerKind() { return this == BAMBA || this == NEMOTRON_H; }
    }

    private TensorNames() {}

    /** The canonical name of block {@code i}'s tensor {@code rest}, e.g. {@code layer(3, "mixer.D")}. */
    public static String layer(int i, String rest) { return "layers." + i + "." + rest; }

    /**
     * The name a checkpoint of {@code scheme} gives the canonical tensor {@code canonical}, for the two
     * Mamba-2 schemes (Bamba's names depend on the layer's kind: {@link BambaNames}).
     */
    public static String inFile(Scheme scheme, String canonical) {
        if (scheme.byLayerKind()) throw new IllegalArgumentException(scheme + " names depend on the layer kind: use ModelWeights.fileSpecs");
        if (canonical.equals(EMBEDDING)) return scheme == Scheme.HUGGING_FACE ? HF_EMBEDDING : SS_EMBEDDING;
        if (canonical.equals(LM_HEAD)) return LM_HEAD;
        return BACKBONE + canonical;
    }

    /** The canonical name of a checkpoint tensor of either scheme; empty if it is not a model tensor. */
    public static Optional<String> canonical(String inFile) {
        if (inFile.equals(HF_EMBEDDING) || inFile.equals(SS_EMBEDDING)) return Optional.of(EMBEDDING);
        if (inFile.equals(LM_HEAD)) return Optional.of(LM_HEAD);
        if (inFile.startsWith(BACKBONE)) return Optional.of(inFile.substring(BACKBONE.length()));
        return Optional.empty();
    }

    /**
     * The scheme of {@code files}, told by its embedding's name.
     *
     * @throws WeightException if it holds neither embedding, or both
     */
    public static Scheme detect(WeightFiles files) {
        boolean hf = files.contains(HF_EMBEDDING), ss = files.contains(SS_EMBEDDING), bamba = files.contains(BambaNames.EMBEDDING);
        if ((hf ? 1 : 0) + (ss ? 1 : 0) + (bamba ? 1 : 0) > 1)
            throw new WeightException(files.source() + ": holds more than one of " + HF_EMBEDDING + ", " + SS_EMBEDDING + " and " + BambaNames.EMBEDDING);
        if (hf) return Scheme.HUGGING_FACE;
        if (ss) return Scheme.STATE_SPACES;
        if (bamba) return Scheme.BAMBA;
        throw new WeightException(files.source() + ": missing tensor " + HF_EMBEDDING + " (Hugging Face), "
                + SS_EMBEDDING + " (state-spaces) or " + BambaNames.EMBEDDING + " (Bamba): not a Mamba-2 language model checkpoint");
    }
}
