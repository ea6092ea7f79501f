package dev.mamba2j.model.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One immutable description of a language model made of Mamba-2 and attention layers, read
 * from the config.json of a Hugging Face transformers {@code Mamba2ForCausalLM}, {@code BambaForCausalLM} or
 * {@code NemotronHForCausalLM}, or of a state-spaces mamba_ssm {@code MambaLMHeadModel}. Source names are given as
 * state-spaces / Hugging Face (Bamba's in {@code BambaConfigReader}, Nemotron-H's in {@code NemotronHConfigReader}).
 *
 * <p>Every block is {@code x += mixer(norm(x))}, the mixer a Mamba-2 mixer, attention or an MLP, then, where
 * {@link LayerSpec#hasMlp()}, {@code x += mlp(norm2(x))}; the stack ends with {@code norm_f} and the LM head.
 *
 * @param format         which kind of config.json this came from
 * @param hiddenSize     model width: {@code d_model} / {@code hidden_size}
 * @param vocabSize      vocabulary as declared: {@code vocab_size}
 * @param paddedVocab    rows of the embedding and the LM head: state-spaces rounds vocab_size up to
 *                       {@code pad_vocab_size_multiple}; Hugging Face configs hold the padded size already
 * @param ssm            the Mamba-2 mixer of every {@link LayerSpec.Mixer#MAMBA2} layer
 * @param attention      the attention mixer, present when some layer is {@link LayerSpec.Mixer#ATTENTION}
 *                       ({@code attn_cfg} / none)
 * @param mlpHidden      hidden width of the MLPs, 0 for none: {@code d_intermediate} rounded up
 *                       to a multiple of 128 as mamba_ssm's GatedMLP does / always 0
 * @param layers         the blocks in order ({@code n_layer} / {@code num_hidden_layers} of them)
 * @param rmsNorm        block and final norms are RMSNorm (weight only), else LayerNorm (weight and
 *                       bias): {@code rms_norm} (both; transformers only supports true)
 * @param normEps        epsilon of the block and final norms: fixed 1e-5 / {@code layer_norm_epsilon}
 * @param residualInFp32 the residual stream is kept in fp32: {@code residual_in_fp32}
 * @param tieEmbeddings  the LM head reuses the embedding matrix: {@code tie_embeddings} /
 *                       {@code tie_word_embeddings}
 * @param bosTokenId     {@code bos_token_id} (Hugging Face only; the first of a list)
 * @param eosTokenId     {@code eos_token_id} (Hugging Face only; the first of a list)
 * @param padTokenId     {@code pad_token_id} (Hugging Face only)
 * @param mlpBias        the MLPs' projections have biases: always false (mamba_ssm's GatedMLP) /
 *                       {@code mlp_bias} (Bamba, Nemotron-H)
 * @param mlpKind        what the MLPs compute between fc1 and fc2: SwiGLU, or Nemotron-H's squared ReLU
 */
public record ModelConfig(Format format, int hiddenSize, int vocabSize, int paddedVocab, SsmConfig ssm,
                          Optional<AttentionConfig> attention, int mlpHidden, List<LayerSpec> layers,
                          boolean rmsNorm, double normEps, boolean residualInFp32, boolean tieEmbeddings,
                          OptionalInt bosTokenId, OptionalInt eosTokenId, OptionalInt padTokenId,
                          boolean mlpBias, MlpKind mlpKind) {

    /**
     * Most blocks a config may declare (the largest published Mamba models have 64): a larger count is
     * a corrupt file, refused before a list of that many layers is built.
     */
    public static final int MAX_LAYERS = 1 << 16;

    /** The config.json layouts this release reads. */
    public enum Format {
        /** transformers' Mamba2Config ({@code "model_type": "mamba2"}). */
        HUGGING_FACE,
        /** transformers' BambaConfig ({@code "model_type": "bamba"}): Mamba-2 and attention layers, each with a gated MLP. */
        BAMBA,
        /** mamba_ssm's MambaConfig ({@code d_model} and {@code ssm_cfg}). */
        STATE_SPACES,
        /** transformers' NemotronHConfig ({@code "model_type": "nemotron_h"}): Mamba-2, attention and MLP blocks in a pattern. */
        NEMOTRON_H
    }

    public ModelConfig {
        layers = List.copyOf(layers);
        if (hiddenSize <= 0 || vocabSize <= 0 || paddedVocab < vocabSize || mlpHidden < 0 || layers.isEmpty() || !(normEps > 0))
            throw new IllegalArgumentException("bad model sizes: hidden " + hiddenSize + ", vocab " + vocabSize + "/" + paddedVocab
                    + ", mlp " + mlpHidden + ", layers " + layers.size() + ", eps " + normEps);
        boolean anyAttention = layers.stream().anyMatch(l -> l.mixer() == LayerSpec.Mixer.ATTENTION);
        if (anyAttention != attention.isPresent())
            throw new IllegalArgumentException("attention config must be given exactly when some layer is attention");
        boolean anyMlp = false;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            if (l.index() != i) throw new IllegalArgumentException("layer " + i + " has index " + l.index());
            boolean mlp = l.hasMlp() || l.mixer() == LayerSpec.Mixer.MLP;
            if (mlp && mlpHidden == 0) throw new IllegalArgumentException("layer " + i + " has an MLP but mlpHidden is 0");
            anyMlp |= mlp;
        }
        if (mlpHidden > 0 && !anyMlp) throw new IllegalArgumentException("mlpHidden " + mlpHidden + " but no layer has an MLP");
        Objects.requireNonNull(mlpKind, "mlpKind");
    }

    /** Number of blocks. */
    public int numLayers() { return layers.size(); }

    /**
     * Channels normalised together by the mixer's gated RMSNorm. mamba_ssm normalises each group of
     * {@code intermediate / n_groups} channels on its own; transformers' Mamba2 normalises all
     * {@code intermediate} channels at once, and its Nemotron-H per group again. The two agree for one group;
     * for more, each checkpoint is run the way its own library runs it.
     */
    public int gatedNormGroupSize() {
        return format == Format.STATE_SPACES || format == Format.NEMOTRON_H ? ssm.intermediate() / ssm.nGroups() : ssm.intermediate();
    }

    /** Whether every layer is a Mamba-2 mixer without an MLP: the models this release runs. */
    public boolean isPureMamba2() {
        return mlpHidden == 0 && layers.stream().allMatch(l -> l.mixer() == LayerSpec.Mixer.MAMBA2);
    }

    /**
     * Reads {@code dir/config.json}: a {@code model_type} field means Hugging Face
     * ({@code "mamba2"}, {@code "bamba"} and {@code "nemotron_h"} are read), {@code d_model} with {@code ssm_cfg} means state-spaces.
     *
     * @throws ConfigException naming the file, and the field where one is at fault
     */
    public static ModelConfig read(Path dir) {
        return readFile(dir.resolve("config.json"));
    }

    /** Like {@link #read(Path)} for a config file of any name. */
    public static ModelConfig readFile(Path file) {
        String name = file.toString();
        JsonNode root = parse(file, name);
        JsonFields f = JsonFields.root(name, root);
        if (f.has("model_type")) {
            String type = f.string("model_type", null);
            if (type.equals("mamba2")) return HfConfigReader.read(f);
            if (type.equals("bamba")) return BambaConfigReader.read(f);
            if (type.equals("nemotron_h")) return NemotronHConfigReader.read(f);
            throw f.field("model_type", "must be \"mamba2\", \"bamba\" or \"nemotron_h\", the Hugging Face types supported "
                    + "(state-spaces configs with d_model and ssm_cfg are read too)", f.get("model_type"));
        }
        if (f.has("d_model") && f.has("ssm_cfg")) return StateSpacesConfigReader.read(f);
        throw f.error("neither a Hugging Face config (no \"model_type\") nor a state-spaces one (needs \"d_model\" and \"ssm_cfg\")");
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json writes bare Infinity and NaN
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static JsonNode parse(Path file, String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e, e);
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || root.isMissingNode()) throw new ConfigException(name + ": empty file, expected a JSON object");
            return root;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(name + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e, e);
        }
    }
}
