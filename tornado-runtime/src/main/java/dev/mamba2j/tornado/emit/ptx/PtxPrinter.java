package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.Printer;
import dev.mamba2j.tornado.ir.Function;

/**
 * PTX for one {@link PtxTarget}: a module with one {@code .entry}, loaded by the CUDA driver as it
 * is (no build options).
 */
public record PtxPrinter(PtxTarget target) implements Printer {
    @Override public KernelCode.Language language() { return KernelCode.Language.PTX; }

    @Override public KernelCode print(Function kernel) {
        return new KernelCode(kernel.name(), KernelCode.Language.PTX, PtxModule.print(kernel, target), null, KernelCode.paramsOf(kernel));
    }

    /** The module text for {@code kernel} on {@code target}. */
    public static String emit(Function kernel, PtxTarget target) { return PtxModule.print(kernel, target); }
}
