package dev.mamba2j.tornado.emit.spirv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Khronos's SPIR-V tools where installed ({@code spirv-val}, {@code spirv-dis}; Debian's spirv-tools):
 * validate printed modules on a machine without a device, and disassemble them for messages.
 */
public final class SpirvTools {
    private SpirvTools() {}

    /** A tool's exit code and output. */
    public record Result(int exitCode, String log) {
        public boolean ok() { return exitCode == 0; }
    }

    /** The tool on PATH. */
    public static Optional<Path> find(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isEmpty())
                .map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst();
    }

    /** The target environment spirv-val checks a module of this flavour against. */
    public static String environment(SpirvTarget target) { return target == SpirvTarget.VULKAN ? "vulkan1.2" : "opencl2.1"; }

    /** {@code spirv-val --target-env ENV} on the module. */
    public static Result validate(Path spirvVal, byte[] module, SpirvTarget target) throws IOException, InterruptedException {
        return run(module, spirvVal.toString(), "--target-env", environment(target));
    }

    /**
     * Whether this spirv-val knows SPV_KHR_cooperative_matrix and SPV_KHR_bfloat16 (SPIRV-Tools of 2025 and
     * newer; Debian 12's 2023.1 does not), read from its version line "SPIRV-Tools vYEAR.N".
     */
    public static boolean knowsCooperativeMatrices(Path spirvVal) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(spirvVal.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        var m = java.util.regex.Pattern.compile("SPIRV-Tools v(\\d+)\\.(\\d+)").matcher(out);
        return m.find() && Integer.parseInt(m.group(1)) * 100 + Integer.parseInt(m.group(2)) >= 202500;
    }

    /** The module as text, or the disassembler's complaint. */
    public static String disassemble(Path spirvDis, byte[] module) throws IOException, InterruptedException {
        return run(module, spirvDis.toString(), "--no-color").log();
    }

    private static Result run(byte[] module, String... command) throws IOException, InterruptedException {
        Path file = Files.createTempFile("mamba2j-", ".spv");
        try {
            Files.write(file, module);
            String[] full = Stream.concat(Stream.of(command), Stream.of(file.toString())).toArray(String[]::new);
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), log);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
