package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.Printer;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.MathTarget;

/**
 * PTX for one {@link PtxTarget}: a module with one {@code .entry}, loaded by the CUDA driver as it
 * is (no build options); local arrays over 48 KiB in all become dynamic shared memory, which the
 * launch asks for.
 */
public record PtxPrinter(PtxTarget target) implements Printer {
    /** What PTX computes natively, the same for every compute capability. */
    public static final MathTarget MATH = PtxMath.TARGET;

    @Override public KernelCode.Language language() { return KernelCode.Language.PTX; }

    @Override public MathTarget mathTarget() { return MATH; }

    @Override public KernelCode print(Function kernel) {
        return new KernelCode(kernel.name(), KernelCode.Language.PTX, emit(kernel, target), null, KernelCode.paramsOf(kernel), "", null,
                PtxModule.dynamicSharedBytes(kernel));
    }

    /** The module text for {@code kernel} on {@code target}. */
    public static String emit(Function kernel, PtxTarget target) {
        Printer.checkLowered(kernel, MATH);
        return PtxModule.print(kernel, target);
    }
}
