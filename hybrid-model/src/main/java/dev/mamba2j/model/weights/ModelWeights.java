package dev.mamba2j.model.weights;

import dev.mamba2j.model.config.ModelConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A model folder's weights checked against its config: every tensor of {@link ExpectedTensors} is
 * present, of a convertible dtype and of the expected shape, all verified when opened so that a
 * wrong checkpoint fails at once with every mismatch listed. Tensors are then got by canonical name
 * ({@link TensorNames}) whatever scheme the checkpoint uses.
 */
public final class ModelWeights implements AutoCloseable {
    /** Mismatches listed in one error; more are counted. */
    private static final int MAX_LISTED = 20;

    private final WeightFiles files;
    private final ModelConfig config;
    private final TensorNames.Scheme scheme;

    private ModelWeights(WeightFiles files, ModelConfig config, TensorNames.Scheme scheme) {
        this.files = files;
        this.config = config;
        this.scheme = scheme;
    }

    /**
     * Opens the weights in {@code dir} (see {@link WeightFiles#open}) and checks them against {@code config}.
     *
     * @throws WeightException listing, one per line, each missing tensor and each wrong shape or dtype,
     *                         every line naming the file and the tensor
     */
    public static ModelWeights open(Path dir, ModelConfig config) {
        return of(WeightFiles.open(dir), config);
    }

    /** Checks already opened {@code files} against {@code config}; they are closed if the check fails. */
    public static ModelWeights of(WeightFiles files, ModelConfig config) {
        try {
            TensorNames.Scheme scheme = config.format() == ModelConfig.Format.NEMOTRON_H ? TensorNames.Scheme.NEMOTRON_H : TensorNames.detect(files);
            List<TensorSpec> inFiles = new ArrayList<>();
            for (TensorSpec spec : ExpectedTensors.of(config)) inFiles.addAll(fileSpecs(config, scheme, spec));
            List<String> problems = check(files, inFiles);
            if (!problems.isEmpty()) {
                int more = problems.size() - MAX_LISTED;
                String listed = String.join("\n", problems.subList(0, Math.min(problems.size(), MAX_LISTED)));
                throw new WeightException(listed + (more > 0 ? "\n(and " + more + " more)" : ""));
            }
            return new ModelWeights(files, config, scheme);
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
    }

    /** The checkpoint tensors, named as in the files, that make up canonical tensor {@code spec}: one, or Bamba's or Nemotron-H's parts. */
    public static List<TensorSpec> fileSpecs(ModelConfig config, TensorNames.Scheme scheme, TensorSpec spec) {
        if (scheme == TensorNames.Scheme.BAMBA) return BambaNames.parts(config, spec);
        if (scheme == TensorNames.Scheme.NEMOTRON_H) return NemotronHNames.parts(config, spec);
        return List.of(new TensorSpec(TensorNames.inFile(scheme, spec.name()), spec.shape(), spec.required()));
    }

    /** One line per expected tensor (named as in the files) that is missing or has the wrong shape or dtype. */
    static List<String> check(WeightFiles files, List<TensorSpec> specs) {
        List<String> problems = new ArrayList<>();
        for (TensorSpec s : specs) {
            String name = s.name();
            if (!files.contains(name)) {
                if (s.required()) problems.add(files.source() + ": missing tensor " + name);
                continue;
            }
            Tensor t = files.get(name);
            if (!t.hasShape(s.shape()))
                problems.add(t.file() + ": tensor " + name + " has shape " + t.shapeString() + ", expected " + s.shapeString());
            else if (!t.dtype().convertsToFloat())
                problems.add(t.file() + ": tensor " + name + " has dtype " + t.dtype() + ", expected one of F32, BF16, F16");
        }
        return problems;
    }

    public ModelConfig config() { return config; }

    public TensorNames.Scheme scheme() { return scheme; }

    /** The underlying files, for names outside the canonical set. */
    public WeightFiles files() { return files; }

    /**
     * The tensor with canonical name {@code canonical}, e.g. {@code TensorNames.layer(3, "mixer.A_log")}.
     *
     * @throws WeightException naming the file and the tensor if the checkpoint has none
     */
    public Tensor get(String canonical) {
        if (!scheme.byLayerKind()) return files.get(TensorNames.inFile(scheme, canonical));
        TensorSpec spec = ExpectedTensors.of(config).stream().filter(s -> s.name().equals(canonical)).findFirst()
                .orElseThrow(() -> new WeightException(files.source() + ": no tensor " + canonical + " in a model of this config"));
        List<TensorSpec> parts = fileSpecs(config, scheme, spec);
        if (parts.size() == 1) return files.get(parts.get(0).name());
        return Tensor.stacked(canonical, parts.stream().map(p -> files.get(p.name())).toList());
    }

    /** The LM head: its own matrix if the checkpoint has one, else the embedding (tied embeddings). */
    public Tensor lmHead() {
        String head = scheme.byLayerKind() ? TensorNames.LM_HEAD : TensorNames.inFile(scheme, TensorNames.LM_HEAD);
        return files.contains(head) ? files.get(head) : get(TensorNames.EMBEDDING);
    }

    /** Checkpoint tensors the config does not account for, sorted; empty for a matching checkpoint. */
    public List<String> unused() {
        Set<String> expected = new HashSet<>();
        for (TensorSpec s : ExpectedTensors.of(config)) for (TensorSpec p : fileSpecs(config, scheme, s)) expected.add(p.name());
        return files.names().stream().filter(n -> !expected.contains(n)).toList();
    }

    @Override public void close() { files.close(); }
}
