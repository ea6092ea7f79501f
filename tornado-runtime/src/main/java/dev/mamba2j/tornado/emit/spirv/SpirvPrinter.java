package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.Printer;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.MathTarget;

import java.util.Map;
import java.util.Set;

/**
 * SPIR-V binary for one {@link SpirvTarget}: a module with one entry point named after the kernel.
 * localGemm becomes IR loops ({@link GemmLoops}) first, unless it runs on the Vulkan device's matrix
 * units ({@link CooperativeGemm}); for Vulkan the control flow is then given its
 * structure ({@link Structurer}), for OpenCL the blocks go out in reverse post-order as they are.
 *
 * @param softFma compute fma exactly in software ({@link SoftFma}), for a Vulkan device whose Fma
 *                instruction is not fused (Vulkan allows that; Mesa's lavapipe does it)
 * @param floats  the float behaviour a Vulkan module declares ({@link FloatControls}); ignored for OpenCL,
 *                whose SPIR-V keeps IEEE behaviour without being asked
 * @param matrices the Vulkan device's matrix units: a localGemm that {@link CooperativeGemm#fits} runs on them
 */
public record SpirvPrinter(SpirvTarget target, boolean softFma, FloatControls floats, CooperativeMatrices matrices) implements Printer {
    public static final SpirvPrinter VULKAN = new SpirvPrinter(SpirvTarget.VULKAN, false, FloatControls.ALL);
    public static final SpirvPrinter OPENCL = new SpirvPrinter(SpirvTarget.OPENCL, false, FloatControls.NONE);

    public SpirvPrinter(SpirvTarget target) { this(target, false, target == SpirvTarget.VULKAN ? FloatControls.ALL : FloatControls.NONE); }

    public SpirvPrinter(SpirvTarget target, boolean softFma, FloatControls floats) { this(target, softFma, floats, CooperativeMatrices.NONE); }

    /** What SPIR-V computes natively, the same for both flavours. */
    public static final MathTarget MATH = Arithmetic.MATH;

    @Override public KernelCode.Language language() { return KernelCode.Language.SPIRV; }

    @Override public MathTarget mathTarget() { return MATH; }

    @Override public KernelCode print(Function kernel) {
        return new KernelCode(kernel.name(), KernelCode.Language.SPIRV, null, words(kernel, target, softFma, floats, matrices),
                KernelCode.paramsOf(kernel));
    }

    /** The module's bytes (little-endian words). */
    public static byte[] words(Function kernel, SpirvTarget target) { return new SpirvPrinter(target).print(kernel).binary(); }

    /** The module's bytes, fma in software if asked, with the float behaviour given. */
    public static byte[] words(Function kernel, SpirvTarget target, boolean softFma, FloatControls floats) {
        return words(kernel, target, softFma, floats, CooperativeMatrices.NONE);
    }

    /** The module's bytes, localGemm on the matrix units given where it fits them (Vulkan only). */
    public static byte[] words(Function kernel, SpirvTarget target, boolean softFma, FloatControls floats, CooperativeMatrices matrices) {
        Printer.checkLowered(kernel, MATH);
        Function f = target == SpirvTarget.VULKAN ? GemmLoops.expand(kernel, g -> CooperativeGemm.fits(g, matrices)) : GemmLoops.expand(kernel);
        KernelWriter w = new KernelWriter(f, target, softFma, target == SpirvTarget.VULKAN ? floats : FloatControls.NONE);
        if (target == SpirvTarget.VULKAN) {
            Structurer.Structured s = Structurer.run(f);
            return w.write(f.name(), s.order(), s.merges(), s.unreachable());
        }
        return w.write(f.name(), Structurer.order(f.blockMap(), f.entry().id(), Set.of()), Map.of(), Set.of());
    }
}
