package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.spirv.FloatControls;
import dev.mamba2j.tornado.emit.spirv.SpirvPrinter;
import dev.mamba2j.tornado.emit.spirv.SpirvTarget;
import dev.mamba2j.tornado.emit.spirv.SpirvTools;
import dev.mamba2j.tornado.runtime.Compilation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every conformance kernel (both styles) printed as SPIR-V in both flavours (Vulkan also with fma in
 * software) and checked by spirv-val (Vulkan 1.2 and OpenCL 2.1 rules). Skipped, with a message, where
 * spirv-val is not installed.
 */
class SpirvValidationTest {
    /** The printers every kernel goes through. */
    static final List<SpirvPrinter> PRINTERS = List.of(SpirvPrinter.VULKAN, new SpirvPrinter(SpirvTarget.VULKAN, true, FloatControls.NONE), SpirvPrinter.OPENCL);

    static Stream<Arguments> kernels() {
        return PtxAssemblyTest.kernels().flatMap(m -> PRINTERS.stream().map(p -> Arguments.of(m, p)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernels")
    void validates(Method kernel, SpirvPrinter printer) throws Exception {
        check(kernel.getName(), Compilation.compile(kernel, PtxAssemblyTest.sampleArgs(kernel), printer).code(), printer.target());
    }

    /** Runs spirv-val on the code; a failure shows the disassembly. */
    static void check(String name, KernelCode code, SpirvTarget target) throws Exception {
        Path val = SpirvTools.find("spirv-val").orElse(null);
        assumeTrue(val != null, "spirv-val not installed (Debian: spirv-tools): SPIR-V validation skipped");
        SpirvTools.Result r = SpirvTools.validate(val, code.binary(), target);
        assertTrue(r.ok(), () -> name + " (" + target + "): spirv-val failed:\n" + r.log() + "\n"
                + SpirvTools.find("spirv-dis").map(d -> {
                    try { return SpirvTools.disassemble(d, code.binary()); } catch (Exception e) { return e.toString(); }
                }).orElse(""));
    }
}
