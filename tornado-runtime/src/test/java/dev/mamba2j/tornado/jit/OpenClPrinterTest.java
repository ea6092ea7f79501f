package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.runtime.Compilation;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.emit.KernelCode.Language;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNull;

/** Every sample kernel compiles to OpenCL C that clang accepts. */
class OpenClPrinterTest {
    /** Arguments for kernels with specialised scalars (other entries may stay null). */
    static final Map<String, Object[]> ARGS = Map.of(
            "prefixSum", new Object[] {null, null, 64},
            "privateSpecialised", new Object[] {null, null, 8});

    static Stream<Method> kernels() {
        return Arrays.stream(SampleKernels.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Kernel.class))
                .sorted(Comparator.comparing(Method::getName));
    }

    @TestFactory
    Stream<DynamicTest> clangAcceptsEveryKernel() {
        return kernels().map(m -> DynamicTest.dynamicTest(m.getName(), () -> {
            KernelCode k = Compilation.compile(m, ARGS.get(m.getName()), OpenClPrinter.PORTABLE).code();
            Assumptions.assumeTrue(OpenClC.CLANG != null, "clang-15 not installed: OpenCL C not checked");
            assertNull(OpenClC.check(m.getName(), k.text()), () -> k.text());
        }));
    }
}
