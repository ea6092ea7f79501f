package dev.mamba2j.tornado.emit.opencl;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.Printer;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.MathTarget;

/**
 * OpenCL C 1.2 for one {@link OpenClTarget}. The build options come with the code: correctly rounded
 * division where the device has it, and for kernels that call localGemm on a device with tensor cores
 * the inline-PTX version, with the portable version as the fallback if the driver refuses it.
 */
public record OpenClPrinter(OpenClTarget target) implements Printer {
    public static final OpenClPrinter PORTABLE = new OpenClPrinter(OpenClTarget.PORTABLE);

    @Override public KernelCode.Language language() { return KernelCode.Language.OPENCL_C; }

    @Override public MathTarget mathTarget() { return OpenClSource.MATH; }

    @Override public KernelCode print(Function kernel) {
        String text = source(kernel);
        String base = join(target.userOptions(), target.exactDivideSqrt() ? OpenClTarget.JAVA_EXACT_BUILD_OPTION : "");
        boolean mma = target.tensorCores() && text.contains(OpenClGemm.MMA_MACRO);
        return new KernelCode(OpenClSource.entryName(kernel), KernelCode.Language.OPENCL_C, text, null, KernelCode.paramsOf(kernel),
                mma ? join(base, OpenClTarget.TENSOR_CORE_BUILD_OPTION) : base, mma ? base : null);
    }

    /** The OpenCL C text alone. */
    public static String source(Function kernel) {
        Printer.checkLowered(kernel, OpenClSource.MATH);
        return OpenClSource.print(kernel);
    }

    private static String join(String a, String b) { return (a + " " + b).strip(); }
}
