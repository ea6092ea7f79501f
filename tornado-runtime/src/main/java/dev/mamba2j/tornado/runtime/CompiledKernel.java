package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.emit.KernelCode;

import java.util.Map;
import java.util.Objects;

/**
 * A kernel's device code with what the runtime must know to reuse and launch it.
 *
 * @param specialised   Java parameter index -> the constant value folded into this code
 * @param groupMultiple the work-group size must be a multiple of this (32 for kernels that call localGemm)
 */
public record CompiledKernel(KernelCode code, Map<Integer, Object> specialised, int groupMultiple) {
    /** Code with nothing folded in that takes any work-group size. */
    public CompiledKernel(KernelCode code) { this(code, Map.of(), 1); }

    /** True if this code was compiled for the values these arguments hold. */
    boolean matches(Object[] args) {
        for (Map.Entry<Integer, Object> e : specialised.entrySet())
            if (!Objects.equals(e.getValue(), args[e.getKey()])) return false;
        return true;
    }

    /**
     * Refuses a launch whose work-group size is not a multiple of {@link #groupMultiple()}; {@code local}
     * null means the device picks, which is refused too when a multiple is required.
     */
    public void checkWorkGroup(int[] local) {
        if (groupMultiple == 1) return;
        long size = 1;
        if (local != null) for (int l : local) size *= l;
        if (local == null || size % groupMultiple != 0)
            throw new IllegalArgumentException(code.entryName() + " calls localGemm: its work-group size must be a multiple of "
                    + groupMultiple + ", got " + (local == null ? "none (set one with WorkerGrid.setLocalWork)" : size));
    }
}
