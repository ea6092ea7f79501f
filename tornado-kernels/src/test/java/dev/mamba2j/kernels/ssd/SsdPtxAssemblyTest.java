package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.runtime.Compilation;
import dev.mamba2j.tornado.emit.ptx.PtxPrinter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.emit.ptx.Ptxas;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.jit.KernelJit;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every @Kernel method of the SSD package printed as PTX for sm_90 and assembled by ptxas,
 * with the register and spill report on the test output. Skipped, with a message, where ptxas is
 * not installed.
 */
class SsdPtxAssemblyTest {
    static final PtxTarget HOPPER = PtxTarget.forDevice(9, 0, 13000);

    /** The @Kernel methods of every class of this package (read from the compiled classes, in a folder or a jar). */
    static Stream<Method> kernels() throws Exception {
        java.net.URI uri = ChunkCb.class.getResource("ChunkCb.class").toURI();
        if (uri.getScheme().equals("jar")) { // classes packed in a jar (test bundle): list them through its file system
            try {
                java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of());
            } catch (java.nio.file.FileSystemAlreadyExistsException alreadyOpen) {
                // opened by an earlier call
            }
        }
        Path dir = Path.of(uri).getParent();
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$") && !name.startsWith("package-info"))
                    classes.add(Class.forName(ChunkCb.class.getPackageName() + "." + name.substring(0, name.length() - 6)));
            }
        }
        return classes.stream().flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(dev.mamba2j.tornado.api.Kernel.class))
                .sorted(Comparator.comparing((Method m) -> m.getDeclaringClass().getSimpleName()).thenComparing(Method::getName));
    }

    /** Each kernel, those that take a tiling once per tiling. */
    static Stream<Arguments> cases() throws Exception {
        return kernels().flatMap(m -> SsdTiling.KERNELS.contains(m.getDeclaringClass())
                ? SsdTiling.ALL.stream().map(t -> Arguments.of(m, t)) : Stream.of(Arguments.of(m, null)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void assemblesForSm90(Method kernel, SsdTiling tiling) throws Exception {
        Path ptxas = Ptxas.find().orElse(null);
        assumeTrue(ptxas != null, "ptxas not installed: PTX assembly of the SSD kernels skipped");
        Object[] args = tiling == null ? sampleArgs(kernel) : tiling.into(sampleArgs(kernel));
        KernelCode code = Compilation.compile(kernel, args, new PtxPrinter(HOPPER)).code();
        Ptxas.Result r = Ptxas.assemble(ptxas, code.text(), HOPPER.sm());
        String name = kernel.getDeclaringClass().getSimpleName() + "." + kernel.getName() + (tiling == null ? "" : " " + tiling.name());
        System.out.println("ptxas " + HOPPER.sm() + " " + name + ":\n" + r.log().strip());
        assertTrue(r.ok(), () -> name + ": ptxas failed:\n" + r.log() + "\n" + code.text());
        assertFalse(r.log().contains("warning"), () -> name + ": " + r.log());
    }

    @Test
    void findsTheKernels() throws Exception {
        assertTrue(kernels().count() >= 7, "the SSD kernels were not found");
    }

    /** Specialisable scalars: 64 for ints, true for booleans; other arguments are not read. */
    static Object[] sampleArgs(Method m) {
        return Arrays.stream(m.getParameterTypes())
                .map(t -> t == int.class ? (Object) 64 : t == boolean.class ? (Object) Boolean.TRUE : null).toArray();
    }
}
