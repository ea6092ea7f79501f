package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.runtime.Compilation;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;

import dev.mamba2j.tornado.emit.KernelCode.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each unsupported construct is refused with the class, method, source line, bci and the construct. */
class RefusalTest {
    private static final String CLS = BadKernels.class.getName();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            objectAllocation       | objectAllocation | object allocation (new java/util/ArrayList)
            exceptionThrow         | exceptionThrow   | exception (throw new java/lang/IllegalArgumentException)
            tryCatch               | tryCatch         | exception handler (try/catch/finally)
            monitor                | monitor          | synchronization (synchronized block)
            virtualCall            | virtualCall      | virtual call ([F.clone)
            lambda                 | lambda           | lambda, method reference or string concatenation (invokedynamic run)
            stringConstant         | stringConstant   | string constant "kernel"
            nonFinalStatic         | nonFinalStatic   | non-final static field (dev/mamba2j/tornado/jit/BadKernels.counter)
            staticWrite            | staticWrite      | field write (dev/mamba2j/tornado/jit/BadKernels.counter)
            objectStatic           | objectStatic     | static field of object type (dev/mamba2j/tornado/jit/BadKernels.LOCK)
            heapArrayParam         | heapArrayParam   | Java heap array parameter (float[] a)
            objectParam            | objectParam      | parameter of type java.lang.String (name)
            recursion              | fact             | recursive call (dev.mamba2j.tornado.jit.BadKernels.fact)
            nonStatic              | nonStatic        | non-static method
            returnsValue           | returnsValue     | kernel returning a value
            arrayChosenAtRunTime   | arrayChosenAtRunTime | array reference chosen at run time
            nullReference          | nullReference    | null reference
            unsupportedMath        | unsupportedMath  | call to Math.atan2
            unsupportedLibraryCall | unsupportedLibraryCall | call to java/lang/Integer.bitCount
            """)
    void refusesWithLocation(String kernel, String reportedMethod, String construct) throws Exception {
        KernelCompilationException e = assertThrows(KernelCompilationException.class, () -> compile(kernel));
        String msg = e.getMessage();
        String where = CLS + "." + reportedMethod + "(BadKernels.java:" + markedLine(reportedMethod) + ") bci ";
        assertTrue(msg.startsWith(where), () -> "expected location " + where + " in: " + msg);
        assertTrue(msg.matches(".* bci \\d+: .*"), msg);
        assertTrue(msg.endsWith(": " + construct + " is not supported in kernels"), () -> "expected construct '" + construct + "' in: " + msg);
    }

    @Test
    void localArraySizeMustBeConstant() throws Exception {
        KernelCompilationException e = assertThrows(KernelCompilationException.class, () -> compile("localSizeNotConstant"));
        String where = CLS + ".localSizeNotConstant(BadKernels.java:" + markedLine("localSizeNotConstant") + ") bci ";
        assertTrue(e.getMessage().startsWith(where), e.getMessage());
        assertTrue(e.getMessage().contains("is not a compile-time constant"), e.getMessage());
    }

    /** A size javac's slot reuse makes look variable is refused with the way out named. */
    @Test
    void aSizeSharingAVariablesSlotIsNamed() throws Exception {
        Method m = Arrays.stream(BadKernels.class.getDeclaredMethods()).filter(x -> x.getName().equals("localSizeSharesASlot")).findFirst().orElseThrow();
        KernelCompilationException e = assertThrows(KernelCompilationException.class,
                () -> Compilation.compile(m, new Object[] {null, null, 16}, OpenClPrinter.PORTABLE));
        String msg = e.getMessage();
        assertTrue(msg.contains("is not a compile-time constant") && msg.contains("shares its slot with another variable") && msg.contains("'i'"), msg);
    }

    private static KernelCode compile(String name) {
        Method m = Arrays.stream(BadKernels.class.getDeclaredMethods()).filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
        return Compilation.compile(m, new Object[m.getParameterCount()], OpenClPrinter.PORTABLE).code();
    }

    /** The line of the "refused" marker inside the named method's source. */
    private static int markedLine(String method) throws IOException {
        // From the module (Maven), the repository root, or a test bundle in target/test-bundle.
        String source = "src/test/java/dev/mamba2j/tornado/jit/BadKernels.java";
        Path file = java.util.stream.Stream.of(source, "tornado-runtime/" + source, "../../tornado-runtime/" + source)
                .map(Path::of).filter(Files::exists).findFirst()
                .orElseThrow(() -> new IOException("source of BadKernels not found from " + Path.of("").toAbsolutePath()));
        List<String> lines = Files.readAllLines(file);
        int k = 0;
        while (!lines.get(k).matches(".* " + method + "\\(.*\\{\\s*")) k++;
        while (!lines.get(k).contains("// refused")) k++;
        return k + 1;
    }
}
