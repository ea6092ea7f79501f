package dev.mamba2j.model.weights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.mamba2j.model.weights.SafeTensorsTest.assertContains;
import static dev.mamba2j.model.weights.SafeTensorsTest.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Finding a folder's weights, and sharded safetensors. */
class WeightFilesTest {
    @TempDir Path dir;

    private String error() {
        return assertThrows(WeightException.class, () -> WeightFiles.open(dir)).getMessage();
    }

    @Test
    void prefersSafetensorsThenIndexThenBin() throws IOException {
        assertContains(error(), "no weights found");
        Files.copy(TorchCheckpointTest.fixture("state_dict.bin"), dir.resolve("pytorch_model.bin"));
        try (WeightFiles w = WeightFiles.open(dir)) {
            assertInstanceOf(TorchCheckpoint.class, w);
        }
        new SafeTensorsWriter().f32("x", shape(1), 1f).write(dir.resolve("model.safetensors"));
        try (WeightFiles w = WeightFiles.open(dir)) {
            assertInstanceOf(SafeTensors.class, w);
            assertEquals(List.of("x"), List.copyOf(w.names()));
        }
    }

    private void shards() throws IOException {
        new SafeTensorsWriter().f32("a", shape(2), 1f, 2f).f32("b", shape(1), 3f).write(dir.resolve("model-00001-of-00002.safetensors"));
        new SafeTensorsWriter().f32("c", shape(1, 2), 4f, 5f).write(dir.resolve("model-00002-of-00002.safetensors"));
    }

    private void index(String weightMap) throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\": {\"total_size\": 20}, \"weight_map\": " + weightMap + "}");
    }

    @Test
    void readsShardsThroughTheIndex() throws IOException {
        shards();
        index("{\"a\": \"model-00001-of-00002.safetensors\", \"b\": \"model-00001-of-00002.safetensors\", \"c\": \"model-00002-of-00002.safetensors\"}");
        try (WeightFiles w = WeightFiles.open(dir)) {
            assertEquals(List.of("a", "b", "c"), List.copyOf(w.names()));
            assertArrayEquals(new float[] {4f, 5f}, w.get("c").toFloats());
            assertEquals(dir.resolve("model-00002-of-00002.safetensors").toString(), w.get("c").file());
            assertContains(assertThrows(WeightException.class, () -> w.get("d")).getMessage(), "model.safetensors.index.json: missing tensor d");
        }
    }

    @Test
    void refusesBadIndexes() throws IOException {
        shards();
        index("{\"a\": \"model-00002-of-00002.safetensors\"}");
        assertContains(error(), "model.safetensors.index.json: tensor a is mapped to ", "model-00002-of-00002.safetensors, which does not hold it");
        index("{\"a\": \"../elsewhere.safetensors\"}");
        assertContains(error(), "tensor a is mapped to \"../elsewhere.safetensors\", outside the model folder");
        index("{\"a\": \"missing.safetensors\"}");
        assertContains(error(), "missing.safetensors: cannot read");
        index("{\"a\": 3}");
        assertContains(error(), "tensor a must map to a file name, got 3");
        index("[]");
        assertContains(error(), "field \"weight_map\" must be an object");
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\": {");
        assertContains(error(), "model.safetensors.index.json: malformed JSON");
    }

    @Test
    void shardedBinIsNamedAsUnsupported() throws IOException {
        Files.writeString(dir.resolve("pytorch_model.bin.index.json"), "{}");
        assertContains(error(), "sharded pytorch_model-*.bin checkpoints are not supported");
    }
}
