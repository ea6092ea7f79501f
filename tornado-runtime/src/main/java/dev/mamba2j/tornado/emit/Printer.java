package dev.mamba2j.tornado.emit;

import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.MathTarget;

/**
 * A code generator: an optimised IR function, lowered for the printer's {@link #mathTarget()}, in,
 * device code out. Each instance is made for one target (a PTX printer for one compute capability, an
 * OpenCL printer for one device's options), so equal printers print equal code and a printer can key a
 * cache. A printer maps each IR operation to its language as the lowered IR defines it; Java's rules
 * are the lowering's business, not the printer's.
 */
public interface Printer {
    KernelCode.Language language();

    /** What the language computes natively: the JIT lowers everything else before the printer sees it. */
    MathTarget mathTarget();

    /** The kernel's code; refuses a function not lowered for {@link #mathTarget()} or a target it covers. */
    KernelCode print(Function kernel);

    /** Refuses a function not lowered for target or for a target that target covers ({@link MathTarget#covers}). */
    static void checkLowered(Function kernel, MathTarget target) {
        if (kernel.loweredFor() == null || !target.covers(kernel.loweredFor()))
            throw new IllegalArgumentException(kernel.name() + " is lowered for " + kernel.loweredFor() + ", not for " + target);
    }
}
