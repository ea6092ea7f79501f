package dev.mamba2j.bench;

import dev.mamba2j.model.Mamba2Model;
import dev.mamba2j.model.ModelLoader;
import dev.mamba2j.model.layers.Precision;
import dev.mamba2j.model.tokenizer.Tokenizer;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --model DIR} and {@code --dtype}: a model folder (config.json, weights, tokenizer.json) and how its weights are stored. */
final class ModelOption {
    /** The model this project trains and ships, relative to the repository root. */
    static final Path SHIPPED = Path.of("hybrid-model", "models", "kjv-mamba2-4m");

    @Option(names = "--model", paramLabel = "DIR", description = "model folder: config.json, model.safetensors or pytorch_model.bin, tokenizer.json"
            + " (default: the shipped model, ${DEFAULT-VALUE})", defaultValue = "hybrid-model/models/kjv-mamba2-4m")
    Path dir;

    @Option(names = "--dtype", paramLabel = "fp32|bf16", defaultValue = "fp32",
            description = "storage of the embedding, linear layers and LM head; activations are fp32 (default: ${DEFAULT-VALUE})")
    String dtype;

    Path dir() {
        if (!Files.isDirectory(dir))
            throw new IllegalArgumentException("no model folder " + dir.toAbsolutePath() + (dir.equals(SHIPPED)
                    ? " (run from the repository root, or pass --model DIR)" : ""));
        return dir;
    }

    Precision precision() { return Precision.parse(dtype); }

    Mamba2Model load() { return ModelLoader.load(dir(), precision()); }

    /** The folder's tokenizer.json. */
    Tokenizer tokenizer() {
        Path t = dir().resolve("tokenizer.json");
        if (!Files.isRegularFile(t)) throw new IllegalArgumentException(dir + " has no tokenizer.json");
        return Tokenizer.load(t);
    }
}
