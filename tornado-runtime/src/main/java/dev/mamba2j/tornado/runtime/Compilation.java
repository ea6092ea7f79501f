package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.KernelDump;
import dev.mamba2j.tornado.emit.Printer;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;
import dev.mamba2j.tornado.jit.KernelIr;
import dev.mamba2j.tornado.jit.KernelJit;
import dev.mamba2j.tornado.jit.pass.ArrayParams;

import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Space;

import java.lang.reflect.Method;
import java.util.Map;

/** The JIT and a printer put together: a kernel method to device code. */
public final class Compilation {
    private Compilation() {}

    /** The kernel's code for {@code printer}'s target, with the values the JIT folded into it. */
    public static CompiledKernel compile(Method kernel, Object[] args, Printer printer) {
        KernelIr ir = KernelJit.compile(kernel, args, printer.mathTarget());
        KernelCode code = printer.print(ir.function());
        KernelDump.code(kernel.getDeclaringClass().getSimpleName() + "_" + kernel.getName(), code);
        return new CompiledKernel(code, ir.specialised(), ir.groupMultiple(), localBytes(ir.function()), ir.checkSites(), ir.arrays());
    }

    /** What the JIT finds of a kernel's arrays for these arguments (cached with its IR): for the JVM device, which runs no device code. */
    static ArrayParams arrays(Method kernel, Object[] args) {
        return KernelJit.compile(kernel, args, OpenClPrinter.PORTABLE.mathTarget()).arrays();
    }

    /** Bytes of the LOCAL arrays (their sizes are constants once the passes have run). */
    static long localBytes(Function f) {
        long bytes = 0;
        for (Map.Entry<ArrayRef, Operand> e : f.allocations().entrySet())
            if (e.getKey().space() == Space.LOCAL && e.getValue() instanceof Const c)
                bytes += (long) c.asInt() * e.getKey().elem().bytes();
        return bytes;
    }

    /**
     * Refuses Java outside the kernel subset with the JIT's own message, so that the JVM device
     * rejects what the devices reject: the whole pipeline to OpenCL C runs, since some checks (constant
     * local-array sizes, localGemm's shapes) come after the front end.
     */
    static void check(Method kernel, Object[] args) {
        OpenClPrinter.PORTABLE.print(KernelJit.compile(kernel, args, OpenClPrinter.PORTABLE.mathTarget()).function());
    }
}
