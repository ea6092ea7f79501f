package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Space;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a kernel's local arrays live in shared memory. A module may declare at most 48 KiB of it
 * statically; a kernel whose arrays take more gets them as offsets into one {@code .extern .shared}
 * array, and the launch asks for that many bytes of dynamic shared memory (after raising the kernel's
 * limit to them: the driver does that from {@code KernelCode.dynamicLocalBytes}). Kernels under the
 * limit keep their static arrays, so their code does not change.
 */
record PtxShared(Map<ArrayRef, Long> offsets, long dynamicBytes) {
    /** The most shared memory a module may declare statically. */
    static final long STATIC_LIMIT = 48 * 1024;
    /** The dynamic array's symbol. */
    static final String DYNAMIC = "s_dynamic";

    /** The layout of {@code f}'s LOCAL arrays: none dynamic when they fit {@link #STATIC_LIMIT}. */
    static PtxShared of(Function f) {
        Map<ArrayRef, Long> offsets = new LinkedHashMap<>();
        long at = 0;
        for (Map.Entry<ArrayRef, Operand> e : f.allocations().entrySet()) {
            ArrayRef a = e.getKey();
            if (a.space() != Space.LOCAL) continue;
            if (!(e.getValue() instanceof Const c))
                throw new KernelCompilationException("PTX: size of local array " + a.name() + " in " + f.name()
                        + " is not a constant after specialisation: " + e.getValue());
            offsets.put(a, at);
            at += ((long) c.asInt() * a.elem().bytes() + 15) / 16 * 16; // each array 16-byte aligned, as the static ones are
        }
        return at <= STATIC_LIMIT ? new PtxShared(Map.of(), 0) : new PtxShared(offsets, at);
    }

    /** True if {@code a} is an offset into the dynamic array rather than an array of its own. */
    boolean isDynamic(ArrayRef a) { return offsets.containsKey(a); }
}
