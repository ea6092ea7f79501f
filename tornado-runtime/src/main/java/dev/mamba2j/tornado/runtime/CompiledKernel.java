package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.jit.pass.ArrayParams;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A kernel's device code with what the runtime must know to reuse and launch it.
 *
 * @param specialised   Java parameter index -> the constant value folded into this code
 * @param groupMultiple the work-group size must be a multiple of this (32 for kernels that call localGemm)
 * @param localBytes    bytes of local (shared) memory the kernel's local arrays take per work-group
 * @param checkSites    in checked mode, what each bounds check of the code guards, by check number
 *                      (the code then takes an error buffer); else empty
 * @param arrays        the array parameters' names and which ones the kernel may write (residency)
 */
public record CompiledKernel(KernelCode code, Map<Integer, Object> specialised, int groupMultiple, long localBytes, List<String> checkSites,
                             ArrayParams arrays) {
    /** Code with nothing folded in that takes any work-group size. */
    public CompiledKernel(KernelCode code) { this(code, Map.of(), 1); }

    /** Code not made by the JIT: nothing known of its arrays, so each counts as written. */
    public CompiledKernel(KernelCode code, Map<Integer, Object> specialised, int groupMultiple) {
        this(code, specialised, groupMultiple, 0, List.of(), ArrayParams.UNKNOWN);
    }

    /**
     * Refuses, before anything is enqueued, a launch the device cannot run: a work-group of more
     * work-items than {@code device} takes, or local arrays larger than its local memory. The message
     * names the kernel, the sizes asked for and the device's limit (drivers would say
     * CL_INVALID_WORK_GROUP_SIZE or CUDA_ERROR_INVALID_VALUE, naming nothing).
     */
    public void checkLimits(int[] local, Device device) {
        if (local != null) {
            long size = 1;
            for (int l : local) size *= l;
            if (size > device.maxWorkGroupSize())
                throw new IllegalArgumentException("kernel " + code.entryName() + ": work-group of " + java.util.Arrays.toString(local) + " = " + size
                        + " work-items, more than the " + device.maxWorkGroupSize() + " that " + device.id() + " (" + device.name() + ") takes");
        }
        if (localBytes > device.largestLocalMemoryBytes())
            throw new IllegalArgumentException("kernel " + code.entryName() + ": its local arrays take " + localBytes + " bytes per work-group, more than the "
                    + device.largestLocalMemoryBytes() + " bytes of local memory of " + device.id() + " (" + device.name() + ")");
    }

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
