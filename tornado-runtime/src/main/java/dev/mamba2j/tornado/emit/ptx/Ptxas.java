package dev.mamba2j.tornado.emit.ptx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * NVIDIA's offline PTX assembler, where installed: validates printed PTX on a machine without a GPU
 * and reports registers and spills per kernel ({@code ptxas -v}).
 */
public final class Ptxas {
    private Ptxas() {}

    /** The result of one assembly: ptxas's exit code and its output (errors, or the -v report). */
    public record Result(int exitCode, String log) {
        public boolean ok() { return exitCode == 0; }
    }

    /** ptxas on PATH or in /usr/local/cuda/bin. */
    public static Optional<Path> find() {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/local/cuda/bin"))
                .filter(s -> !s.isEmpty()).map(d -> Path.of(d, "ptxas")).filter(Files::isExecutable).findFirst();
    }

    /** Assembles {@code ptx} for {@code gpu} (e.g. {@code sm_90}) with the verbose resource report. */
    public static Result assemble(Path ptxas, String ptx, String gpu) throws IOException, InterruptedException {
        Path file = Files.createTempFile("mamba2j-", ".ptx");
        try {
            Files.writeString(file, ptx);
            Process p = new ProcessBuilder(ptxas.toString(), "-v", "--gpu-name", gpu, "-o", "/dev/null", file.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), log);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
