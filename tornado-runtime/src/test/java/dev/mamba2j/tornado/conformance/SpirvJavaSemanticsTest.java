package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.spirv.FloatControls;
import dev.mamba2j.tornado.emit.spirv.SpirvPrinter;
import dev.mamba2j.tornado.emit.spirv.SpirvTarget;
import dev.mamba2j.tornado.emit.spirv.SpirvTools;
import dev.mamba2j.tornado.runtime.Compilation;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the Vulkan flavour prints so that a driver keeps Java's meaning where the Vulkan environment
 * leaves it open (NVIDIA's driver departs from Java at each of these): % without OpSRem, which is
 * undefined for negative operands, and the float-controls modes the device grants, per float width
 * the kernel uses. The OpenCL flavour needs neither. Read from spirv-dis; skipped, with a message,
 * where it is not installed.
 */
class SpirvJavaSemanticsTest {
    private static String dis(String kernel, SpirvPrinter printer) throws Exception {
        Path dis = SpirvTools.find("spirv-dis").orElse(null);
        assumeTrue(dis != null, "spirv-dis not installed (Debian: spirv-tools): the printed SPIR-V cannot be read");
        Method m = Arrays.stream(ConformanceKernels.class.getMethods()).filter(x -> x.getName().equals(kernel)).findFirst().orElseThrow();
        KernelCode code = Compilation.compile(m, PtxAssemblyTest.sampleArgs(m), printer).code();
        SpirvValidationTest.check(kernel, code, printer.target());
        return SpirvTools.disassemble(dis, code.binary());
    }

    @Test
    void remainderAvoidsSignedRemOnVulkan() throws Exception {
        for (String kernel : new String[] {"intOps", "longOps"}) {
            String vulkan = dis(kernel, SpirvPrinter.VULKAN);
            assertFalse(vulkan.contains("OpSRem"), kernel + " still prints OpSRem for Vulkan");
            assertTrue(vulkan.contains("OpUMod"), kernel + " prints no unsigned remainder for Vulkan");
            assertTrue(dis(kernel, SpirvPrinter.OPENCL).contains("OpSRem"), kernel + ": OpenCL's OpSRem is Java's %");
        }
    }

    @Test
    void vulkanDivisionIsCorrectedOnTheSignificands() throws Exception {
        // Vulkan's OpFDiv may be 2.5 ulp off: the significands' quotient is improved and rounded through fma
        // remainders, and the exponents go back on with Ldexp
        String vulkan = dis("floatOps", SpirvPrinter.VULKAN);
        assertTrue(count(vulkan, "Fma") >= 3 && vulkan.contains("Ldexp"), "no corrected division:\n" + vulkan);
        // a device that flushes may divide as a times 1/b, and 1/b is subnormal for |b| above 2^126
        String flushing = dis("floatOps", new SpirvPrinter(SpirvTarget.VULKAN, false, new FloatControls(true, true, false, false)));
        assertTrue(count(flushing, "OpFMul") >= count(vulkan, "OpFMul") + 2, "the specials' operands are not scaled:\n" + flushing);
        String openCl = dis("floatOps", SpirvPrinter.OPENCL);
        assertTrue(count(openCl, "OpFDiv") == 1 && !openCl.contains("fma"), "OpenCL's division is exact as it is:\n" + openCl);
    }

    private static int count(String text, String what) { return text.split(what, -1).length - 1; }

    @Test
    void floatModesFollowTheDeviceAndTheWidthsUsed() throws Exception {
        String all = dis("doubleOps", SpirvPrinter.VULKAN);
        for (String mode : new String[] {"SignedZeroInfNanPreserve 32", "SignedZeroInfNanPreserve 64", "DenormPreserve 32", "DenormPreserve 64"})
            assertTrue(all.contains(mode), "doubleOps lacks " + mode + ":\n" + all);
        assertTrue(all.contains("SPV_KHR_float_controls"), "the modes need their extension declared");

        String floatsOnly = dis("scale", SpirvPrinter.VULKAN);
        assertTrue(floatsOnly.contains("SignedZeroInfNanPreserve 32"));
        assertFalse(floatsOnly.contains("SignedZeroInfNanPreserve 64"), "a kernel without doubles declares no 64-bit mode:\n" + floatsOnly);

        String infNanOnly = dis("floatOps", new SpirvPrinter(SpirvTarget.VULKAN, false, new FloatControls(true, true, false, false)));
        assertTrue(infNanOnly.contains("SignedZeroInfNanPreserve 32"));
        assertFalse(infNanOnly.contains("DenormPreserve"), "a mode the device does not grant is not asked for");

        String none = dis("floatOps", new SpirvPrinter(SpirvTarget.VULKAN, false, FloatControls.NONE));
        assertFalse(none.contains("float_controls") || none.contains("Preserve"), "a device without the extension gets no mode");
        assertFalse(dis("floatOps", SpirvPrinter.OPENCL).contains("Preserve"), "OpenCL's SPIR-V keeps IEEE behaviour unasked");
    }
}
