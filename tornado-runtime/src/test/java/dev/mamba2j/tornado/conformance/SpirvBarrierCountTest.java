package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.emit.spirv.SpirvPrinter;
import dev.mamba2j.tornado.runtime.Compilation;
import dev.mamba2j.tornado.testing.Unchecked;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A barrier joins the work-items of a group that reach that one barrier, so the Vulkan structurer may
 * not copy one into each arm of a test (work-items that part would each wait at a barrier of their
 * own): every conformance kernel's Vulkan module holds as many OpControlBarrier as its OpenCL module,
 * whose control flow is the IR's graph as it is. Unchecked, as users run kernels: checked mode's error
 * reports lengthen the tails past what the structurer copies.
 */
@ExtendWith(Unchecked.class)
class SpirvBarrierCountTest {
    private static final int OP_CONTROL_BARRIER = 224;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mamba2j.tornado.conformance.PtxAssemblyTest#kernels")
    void vulkanKeepsEachBarrierOnce(Method kernel) {
        Object[] args = PtxAssemblyTest.sampleArgs(kernel);
        int vulkan = barriers(Compilation.compile(kernel, args, SpirvPrinter.VULKAN).code().binary());
        int opencl = barriers(Compilation.compile(kernel, args, SpirvPrinter.OPENCL).code().binary());
        assertEquals(opencl, vulkan, kernel.getName() + ": OpControlBarrier in the Vulkan module against the OpenCL one");
    }

    /** OpControlBarrier instructions in a module (the header is five words; each instruction starts with its word count and opcode). */
    private static int barriers(byte[] module) {
        ByteBuffer words = ByteBuffer.wrap(module).order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        for (int at = 5 * 4; at < module.length; ) {
            int first = words.getInt(at);
            if ((first & 0xffff) == OP_CONTROL_BARRIER) n++;
            at += (first >>> 16) * 4;
        }
        return n;
    }
}
