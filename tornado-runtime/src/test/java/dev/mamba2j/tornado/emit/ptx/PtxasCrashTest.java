package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.runtime.Compilation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A kernel the JIT fuzzer found (shrunk by hand from its kernel k579 of seed 500): ptxas 13.0 crashes
 * (SIGSEGV) assembling its PTX with optimisation, and assembles it at -O0, so the PTX is valid and the
 * crash is the assembler's. A loop of data-dependent trip count holding a never-taken early return and
 * a branch on an always-false compare is enough. The test fails only if the PTX stops assembling at
 * -O0; it prints whether this machine's ptxas still crashes at -O3 (docs/fuzzing.md).
 */
class PtxasCrashTest {
    @Kernel
    public static void k579(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx;
        int i0 = ia.get(gid * 8 + 6);
        int i1 = ia.get(gid * 8 + 1);
        long l0 = ((long) ia.get(gid * 8 + 3) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
        float f0 = fa.get(gid * 8 + 3);
        float f1 = fa.get(gid * 8 + 2);
        for (int k = 0; k < ((i1 % (i0 | 1)) & 3); k++) {
            if (l0 < l0) { if (!(64L > l0)) return; }
            if (l0 > l0) { } else { out.set(gid * 16 + 9, Float.floatToRawIntBits(f0 / f1)); }
        }
    }

    @Test
    void thePtxIsValidAndPtxasOptimiserCrashReported() throws Exception {
        Path ptxas = Ptxas.find().orElse(null);
        assumeTrue(ptxas != null, "ptxas not installed");
        String ptx = Compilation.compile(PtxasCrashTest.class.getMethod("k579", KernelContext.class, IntArray.class, FloatArray.class, IntArray.class),
                new Object[4], new PtxPrinter(PtxTarget.forDevice(9, 0, 13000))).code().text();
        Path file = Files.createTempFile("mamba2j-k579-", ".ptx");
        try {
            Files.writeString(file, ptx);
            assertEquals(0, ptxas(ptxas, file, "-O0"), "the PTX must assemble without optimisation:\n" + ptx);
            int optimised = ptxas(ptxas, file, "-O3");
            System.out.println("ptxas -O3 on k579: " + (optimised == 0 ? "assembles (this ptxas is not affected)"
                    : optimised == 139 ? "SIGSEGV (the assembler's crash, see docs/fuzzing.md)" : "exit " + optimised));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int ptxas(Path ptxas, Path file, String opt) throws Exception {
        Process p = new ProcessBuilder(ptxas.toString(), opt, "--gpu-name", "sm_90", "-o", "/dev/null", file.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0 && rc != 139) System.out.println(log);
        return rc;
    }
}
