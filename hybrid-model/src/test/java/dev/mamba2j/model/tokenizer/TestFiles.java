package dev.mamba2j.model.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The test resources, and variants of them written to a temporary folder. */
final class TestFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    private TestFiles() {}

    /** A file under src/test/resources. */
    static Path resource(String name) {
        try {
            return Path.of(TestFiles.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource missing: " + name, e);
        }
    }

    /** A copy of a resource's JSON, changed by {@code edit}, written to {@code dir}. */
    static Path variant(String resource, Path dir, String name, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(resource(resource).toFile());
            edit.accept(root);
            Path out = dir.resolve(name);
            JSON.writeValue(out.toFile(), root);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
