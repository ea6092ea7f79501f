package dev.mamba2j.kernels;

import dev.mamba2j.kernels.attention.CausalAttention;
import dev.mamba2j.kernels.linalg.Matmul;
import dev.mamba2j.kernels.mamba1.SelectiveScan;
import dev.mamba2j.kernels.nn.RmsNorm;
import dev.mamba2j.kernels.ssd.ChunkCb;
import dev.mamba2j.kernels.ssd.SsdTiling;
import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.spirv.CooperativeMatrices;
import dev.mamba2j.tornado.emit.spirv.FloatControls;
import dev.mamba2j.tornado.emit.spirv.SpirvPrinter;
import dev.mamba2j.tornado.emit.spirv.SpirvTarget;
import dev.mamba2j.tornado.emit.spirv.SpirvTools;
import dev.mamba2j.tornado.runtime.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every @Kernel method of the kernel library printed as SPIR-V for Vulkan (also with fma in software, and with matrix
 * units) and for OpenCL and checked by spirv-val (Vulkan 1.2 and OpenCL 2.1 rules). Skipped, with a message, where spirv-val
 * is not installed, and the matrix-unit modules where it is too old to know their extensions.
 */
class SpirvKernelsValidationTest {
    /** One class of each package: the package's classes are listed from its folder (or jar). */
    private static final List<Class<?>> PACKAGES = List.of(CausalAttention.class, Matmul.class, SelectiveScan.class,
            RmsNorm.class, ChunkCb.class);

    static Stream<Method> kernels() throws Exception {
        List<Method> all = new ArrayList<>();
        for (Class<?> anchor : PACKAGES) for (Class<?> c : classesBeside(anchor)) all.addAll(Arrays.asList(c.getDeclaredMethods()));
        return all.stream().filter(m -> m.isAnnotationPresent(Kernel.class))
                .sorted(Comparator.comparing((Method m) -> m.getDeclaringClass().getName()).thenComparing(Method::getName));
    }

    private static List<Class<?>> classesBeside(Class<?> anchor) throws Exception {
        URI uri = anchor.getResource(anchor.getSimpleName() + ".class").toURI();
        if (uri.getScheme().equals("jar")) {
            try {
                FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException alreadyOpen) {
                // opened by an earlier call
            }
        }
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(uri).getParent())) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$") && !name.startsWith("package-info"))
                    out.add(Class.forName(anchor.getPackageName() + "." + name.substring(0, name.length() - 6)));
            }
        }
        return out;
    }

    static Stream<Arguments> cases() throws Exception {
        List<SpirvPrinter> printers = List.of(SpirvPrinter.VULKAN, new SpirvPrinter(SpirvTarget.VULKAN, true, FloatControls.NONE), SpirvPrinter.OPENCL,
                MATRIX_UNITS);
        return kernels().flatMap(m -> printers.stream().flatMap(p -> SsdTiling.KERNELS.contains(m.getDeclaringClass())
                ? SsdTiling.ALL.stream().map(t -> Arguments.of(m, p, t)) : Stream.of(Arguments.of(m, p, null))));
    }

    /** Vulkan with matrix units as NVIDIA's driver lists them (localGemm on bf16 cooperative matrices, the Vulkan memory model). */
    static final SpirvPrinter MATRIX_UNITS = new SpirvPrinter(SpirvTarget.VULKAN, false, FloatControls.ALL, new CooperativeMatrices(
            List.of(new CooperativeMatrices.Shape(16, 16, 16, "f16", "f16", "f32", "f32", false, true),
                    new CooperativeMatrices.Shape(16, 16, 16, "bf16", "bf16", "f32", "f32", false, true)), true));

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void validates(Method kernel, SpirvPrinter printer, SsdTiling tiling) throws Exception {
        SpirvTarget target = printer.target();
        Path val = SpirvTools.find("spirv-val").orElse(null);
        assumeTrue(val != null, "spirv-val not installed (Debian: spirv-tools): SPIR-V validation of the kernels skipped");
        Object[] args = tiling == null ? sampleArgs(kernel) : tiling.into(sampleArgs(kernel));
        KernelCode code = Compilation.compile(kernel, args, printer).code();
        SpirvTools.Result r = SpirvTools.validate(val, code.binary(), target);
        if (printer == MATRIX_UNITS && !r.ok()) assumeTrue(SpirvTools.knowsCooperativeMatrices(val),
                () -> val + " predates SPV_KHR_cooperative_matrix and SPV_KHR_bfloat16 (SPIRV-Tools of 2025 or later has them):"
                        + " the matrix-unit modules are not validated here");
        String name = kernel.getDeclaringClass().getSimpleName() + "." + kernel.getName();
        assertTrue(r.ok(), () -> name + " (" + target + "): spirv-val failed:\n" + r.log());
    }

    @Test
    void findsTheKernels() throws Exception {
        List<Method> found = kernels().toList();
        assertTrue(found.size() >= 28, () -> "only " + found.stream().map(Method::getName).toList());
    }

    /**
     * Specialisable scalars: 8 for ints (rows of the decode kernels, tile sizes; the SSD's tilings are set
     * apart), true for booleans; other
     * arguments are not read. FlashAttention's sizes must make whole tensor-core tiles: its scalars are those
     * of a 128-wide head (as AttentionPtxAssemblyTest gives them), in order.
     */
    static Object[] sampleArgs(Method m) {
        Object[] flash = {32, 8, 128, 4096, 16, 256, 0.1f, true};
        boolean isFlash = m.getDeclaringClass().getSimpleName().equals("FlashAttention");
        Class<?>[] types = m.getParameterTypes();
        Object[] a = new Object[types.length];
        for (int i = 0, s = 0; i < types.length; i++) {
            if (!types[i].isPrimitive()) continue;
            a[i] = isFlash && s < flash.length ? flash[s++] : types[i] == int.class ? (Object) 8 : types[i] == boolean.class ? (Object) Boolean.TRUE : null;
        }
        return a;
    }
}
