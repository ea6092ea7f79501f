package dev.mamba2j.tornado.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code -Dmamba2j.dumpKernels=DIR}: every printed kernel, and every program a driver builds from one, written to DIR. */
public final class KernelDump {
    public static final String PROPERTY = "mamba2j.dumpKernels";

    private KernelDump() {}

    /** The folder, or null when kernels are not dumped. */
    public static Path directory() {
        String dir = System.getProperty(PROPERTY);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    /** Writes the printed code as {@code Class_method_HASH.ext}. */
    public static void code(String owner, KernelCode code) {
        if (directory() == null) return;
        String ext = switch (code.language()) { case OPENCL_C -> ".cl"; case PTX -> ".ptx"; case SPIRV -> ".spv"; };
        byte[] bytes = code.text() != null ? code.text().getBytes(java.nio.charset.StandardCharsets.UTF_8) : code.binary();
        write(owner + "_" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + ext, bytes);
    }

    /** Writes {@code bytes} as {@code name} in the folder (nothing when kernels are not dumped). */
    public static void write(String name, byte[] bytes) {
        Path dir = directory();
        if (dir == null) return;
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot dump kernel to " + dir, e);
        }
    }
}
