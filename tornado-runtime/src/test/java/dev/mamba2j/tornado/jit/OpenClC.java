package dev.mamba2j.tornado.jit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks OpenCL C text with clang's OpenCL front end (syntax and types, OpenCL C 1.2). */
final class OpenClC {
    static final String CLANG = find();

    private OpenClC() {}

    private static String find() {
        for (String c : List.of("clang-15", "clang")) {
            try {
                Process p = new ProcessBuilder(c, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) return c;
            } catch (IOException | InterruptedException e) {
                // not installed under this name
            }
        }
        return null;
    }

    /** Writes the source under target/jit-cl and returns clang's diagnostics, or null if it accepted it. */
    static String check(String name, String source) throws IOException, InterruptedException {
        Path dir = Path.of("target", "jit-cl");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".cl");
        Files.writeString(file, source);
        Process p = new ProcessBuilder(CLANG, "-x", "cl", "-cl-std=CL1.2", "-fsyntax-only", "-Xclang",
                "-finclude-default-header", "-Wall", "-Werror", "-Wno-unused-variable", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) { p.destroyForcibly(); return "clang timed out"; }
        return p.exitValue() == 0 ? null : out;
    }

    /** Compiles the source for nvptx64 with {@code -D<define>} (if not null) and returns the PTX, or throws with clang's diagnostics. */
    static String toPtx(String name, String source, String define) throws IOException, InterruptedException {
        Path dir = Path.of("target", "jit-cl");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".cl"), out = dir.resolve(name + (define == null ? "" : "-" + define) + ".ptx");
        Files.writeString(file, source);
        List<String> cmd = new java.util.ArrayList<>(List.of(CLANG, "-x", "cl", "-cl-std=CL1.2", "-target", "nvptx64-nvidia-cuda",
                "-Xclang", "-finclude-default-header", "-O2", "-S", "-o", out.toString(), file.toString()));
        if (define != null) cmd.add(1, "-D" + define);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new IllegalStateException("clang timed out"); }
        if (p.exitValue() != 0) throw new IllegalStateException("clang refused " + name + ":\n" + log);
        return Files.readString(out);
    }
}
