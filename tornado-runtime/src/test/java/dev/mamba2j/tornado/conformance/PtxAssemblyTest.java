package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.runtime.Compilation;
import dev.mamba2j.tornado.emit.ptx.PtxPrinter;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.emit.ptx.Ptxas;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.jit.KernelJit;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conformance kernel (both styles) printed as PTX for sm_90 and assembled by ptxas; the register and spill
 * report goes to the test output. Skipped, with a message, where ptxas is not installed.
 */
class PtxAssemblyTest {
    static final PtxTarget HOPPER = PtxTarget.forDevice(9, 0, 13000);

    static Stream<Method> kernels() {
        return Stream.of(ConformanceKernels.class, ParallelKernels.class).flatMap(c -> Arrays.stream(c.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()))
                .sorted((a, b) -> a.getName().compareTo(b.getName())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void assemblesForSm90(Method kernel) throws Exception {
        Path ptxas = Ptxas.find().orElse(null);
        assumeTrue(ptxas != null, "ptxas not installed: PTX assembly check skipped");
        KernelCode code = Compilation.compile(kernel, sampleArgs(kernel), new PtxPrinter(HOPPER)).code();
        Ptxas.Result r = Ptxas.assemble(ptxas, code.text(), HOPPER.sm());
        System.out.println("ptxas " + HOPPER.sm() + " " + kernel.getName() + ":\n" + r.log().strip());
        assertTrue(r.ok(), () -> kernel.getName() + ": ptxas failed:\n" + r.log() + "\n" + code.text());
    }

    /** Values for specialised scalars (local-array sizes): 64 for every int; other arguments are not read. */
    static Object[] sampleArgs(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(t -> t == int.class ? (Object) 64 : null).toArray();
    }
}
