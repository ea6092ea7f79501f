package dev.mamba2j.model.weights;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The tensors of one model folder, whatever files hold them. Tensor data is memory-mapped where the
 * format allows, so {@link Tensor#data()} views stay valid only until {@link #close()}.
 */
public interface WeightFiles extends AutoCloseable {

    /**
     * Opens the weights of a model folder: {@code model.safetensors}, else the shards listed by
     * {@code model.safetensors.index.json}, else a {@code torch.save} archive {@code pytorch_model.bin}.
     *
     * @throws WeightException if none is there or the one found is malformed
     */
    static WeightFiles open(Path dir) {
        Path single = dir.resolve("model.safetensors");
        if (Files.isRegularFile(single)) return SafeTensors.open(single);
        Path index = dir.resolve("model.safetensors.index.json");
        if (Files.isRegularFile(index)) return ShardedSafeTensors.open(index);
        Path bin = dir.resolve("pytorch_model.bin");
        if (Files.isRegularFile(bin)) return TorchCheckpoint.open(bin);
        if (Files.isRegularFile(dir.resolve("pytorch_model.bin.index.json")))
            throw new WeightException(dir + ": sharded pytorch_model-*.bin checkpoints are not supported; convert them to safetensors");
        throw new WeightException(dir + ": no weights found: expected model.safetensors, model.safetensors.index.json or pytorch_model.bin");
    }

    /** What error messages call these files: the file, or the index of shards. */
    String source();

    /** The names of all tensors, sorted. */
    Set<String> names();

    default boolean contains(String name) { return names().contains(name); }

    /**
     * The tensor called {@code name}.
     *
     * @throws WeightException naming the file and the tensor if there is none, or it cannot be read
     */
    Tensor get(String name);

    /** Unmaps the files; tensors got from here must not be used afterwards. */
    @Override
    void close();
}
