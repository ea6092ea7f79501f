package dev.mamba2j.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mamba2j.kernels.linalg.Linear;
import dev.mamba2j.kernels.linalg.LinearDecode;
import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.emit.ptx.PtxPrinter;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;
import dev.mamba2j.tornado.runtime.Compilation;
import dev.mamba2j.tornado.emit.KernelCode;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The language-model layer kernels through the JIT: every @Kernel method printed as PTX for sm_90 and
 * as OpenCL C, the text on the test output. Nothing assembles the PTX here (ptxas may be absent); the
 * OpenCL C is built by the device tests on every OpenCL device present.
 */
class NnKernelsJitTest {
    static final PtxTarget HOPPER = PtxTarget.forDevice(9, 0, 13000);
    static final List<Class<?>> CLASSES = List.of(Embedding.class, RmsNorm.class, GatedRmsNorm.class, CausalConv1d.class,
            Columns.class, Sampling.class, Linear.class, LinearDecode.class);

    static Stream<Method> kernels() {
        return CLASSES.stream().flatMap(c -> Arrays.stream(c.getDeclaredMethods())).filter(m -> m.isAnnotationPresent(Kernel.class))
                .sorted(Comparator.comparing((Method m) -> m.getDeclaringClass().getSimpleName()).thenComparing(Method::getName));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void printsPtxForSm90(Method kernel) {
        print(kernel, Compilation.compile(kernel, sampleArgs(kernel), new PtxPrinter(HOPPER)).code(), ".entry");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void printsOpenClC(Method kernel) {
        print(kernel, Compilation.compile(kernel, sampleArgs(kernel), OpenClPrinter.PORTABLE).code(), "__kernel void");
    }

    @Test
    void findsEveryKernel() {
        assertEquals(15, kernels().count(), () -> kernels().map(Method::getName).toList().toString());
    }

    private static void print(Method kernel, KernelCode code, String marker) {
        String name = kernel.getDeclaringClass().getSimpleName() + "." + kernel.getName();
        System.out.println("==== " + name + " (" + code.language() + ")\n" + code.text());
        assertTrue(code.text().contains(marker), name + ": no " + marker + " in\n" + code.text());
    }

    /** Specialisable scalars: 8 for ints (LinearDecode's rows), true for booleans; other arguments are not read. */
    static Object[] sampleArgs(Method m) {
        return Arrays.stream(m.getParameterTypes())
                .map(t -> t == int.class ? (Object) 8 : t == boolean.class ? (Object) Boolean.TRUE : null).toArray();
    }
}
