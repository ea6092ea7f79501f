package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks the hand-written test PTX with NVIDIA's offline assembler, for sm_90 and the ISA version
 * {@link PtxTarget} picks, so the GPU tests fail only for driver reasons. Skipped without {@code ptxas}.
 */
class PtxAssemblerTest {
    static final PtxTarget HOPPER = PtxTarget.forDevice(9, 0, 13000);

    static Path ptxas() {
        Stream<Path> candidates = Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isEmpty()).map(Path::of),
                Stream.of(Path.of("/usr/local/cuda/bin")));
        return candidates.map(d -> d.resolve("ptxas")).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Assembles {@code ptx}; returns the exit code and ptxas's output. */
    static Result assemble(String ptx, String gpu) throws IOException, InterruptedException {
        Path ptxas = ptxas();
        assumeTrue(ptxas != null, "ptxas not found on PATH or in /usr/local/cuda/bin, test skipped");
        Path file = Files.createTempFile("mamba2j-test-", ".ptx");
        try {
            Files.writeString(file, ptx);
            Process p = new ProcessBuilder(List.of(ptxas.toString(), "--gpu-name", gpu, "-o", "/dev/null", file.toString()))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    record Result(int exitCode, String output) {}

    @ParameterizedTest
    @ValueSource(strings = {"axpy", "reverse_blocks", "grid2d", "param_kinds"})
    void testKernelsAssemble(String name) throws Exception {
        Result r = assemble(CudaTestSupport.ptx(name, HOPPER), HOPPER.sm());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void brokenKernelIsRejected() throws Exception {
        Result r = assemble(CudaTestSupport.ptx("broken", HOPPER), HOPPER.sm());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.output().contains("%undeclared"), r.output());
    }
}
