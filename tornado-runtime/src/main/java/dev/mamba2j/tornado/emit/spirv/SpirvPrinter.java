package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.Printer;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.MathTarget;

import java.util.Map;
import java.util.Set;

/**
 * SPIR-V binary for one {@link SpirvTarget}: a module with one entry point named after the kernel.
 * localGemm becomes IR loops ({@link GemmLoops}) first; for Vulkan the control flow is then given its
 * structure ({@link Structurer}), for OpenCL the blocks go out in reverse post-order as they are.
 *
 * @param softFma compute fma exactly in software ({@link SoftFma}), for a Vulkan device whose Fma
 *                instruction is not fused (Vulkan allows that; Mesa's lavapipe does it)
 */
public record SpirvPrinter(SpirvTarget target, boolean softFma) implements Printer {
    public static final SpirvPrinter VULKAN = new SpirvPrinter(SpirvTarget.VULKAN, false);
    public static final SpirvPrinter OPENCL = new SpirvPrinter(SpirvTarget.OPENCL, false);

    public SpirvPrinter(SpirvTarget target) { this(target, false); }

    /** What SPIR-V computes natively, the same for both flavours. */
    public static final MathTarget MATH = Arithmetic.MATH;

    @Override public KernelCode.Language language() { return KernelCode.Language.SPIRV; }

    @Override public MathTarget mathTarget() { return MATH; }

    @Override public KernelCode print(Function kernel) {
        return new KernelCode(kernel.name(), KernelCode.Language.SPIRV, null, words(kernel, target, softFma), KernelCode.paramsOf(kernel));
    }

    /** The module's bytes (little-endian words). */
    public static byte[] words(Function kernel, SpirvTarget target) { return words(kernel, target, false); }

    /** The module's bytes, fma in software if asked. */
    public static byte[] words(Function kernel, SpirvTarget target, boolean softFma) {
        Printer.checkLowered(kernel, MATH);
        Function f = GemmLoops.expand(kernel);
        KernelWriter w = new KernelWriter(f, target, softFma);
        if (target == SpirvTarget.VULKAN) {
            Structurer.Structured s = Structurer.run(f);
            return w.write(f.name(), s.order(), s.merges(), s.unreachable());
        }
        return w.write(f.name(), Structurer.order(f.blockMap(), f.entry().id(), Set.of()), Map.of(), Set.of());
    }
}
