package dev.mamba2j.tornado.jit;

import java.util.List;
import java.util.Map;

/**
 * What the JIT hands to a driver: the kernel's text (or binary) in one device language, the entry
 * point's name, and how the Java arguments map to the device parameters.
 *
 * @param entryName   the kernel function's name in the text
 * @param language    what the text is
 * @param text        OpenCL C or PTX source; null for binary languages
 * @param binary      SPIR-V words as bytes; null for text languages
 * @param params      device parameters in order
 * @param specialised Java parameter index -> the constant value folded into this code
 */
public record CompiledKernel(String entryName, Language language, String text, byte[] binary,
                             List<Param> params, Map<Integer, Object> specialised, int groupMultiple) {

    /** A kernel that takes any work-group size. */
    public CompiledKernel(String entryName, Language language, String text, byte[] binary, List<Param> params,
                          Map<Integer, Object> specialised) {
        this(entryName, language, text, binary, params, specialised, 1);
    }

    /**
     * Refuses a launch whose work-group size is not a multiple of {@link #groupMultiple()} (32 for
     * kernels that call localGemm); {@code local} null means the device picks, which is refused too
     * when a multiple is required.
     */
    public void checkWorkGroup(int[] local) {
        if (groupMultiple == 1) return;
        long size = 1;
        if (local != null) for (int l : local) size *= l;
        if (local == null || size % groupMultiple != 0)
            throw new IllegalArgumentException(entryName + " calls localGemm: its work-group size must be a multiple of "
                    + groupMultiple + ", got " + (local == null ? "none (set one with WorkerGrid.setLocalWork)" : size));
    }

    public enum Language { OPENCL_C, PTX, SPIRV }

    /** How a device parameter is fed from the Java arguments. */
    public enum ParamKind {
        /** The device buffer of the off-heap array at {@code javaIndex}. */
        BUFFER,
        /** The element count (int) of the array at {@code javaIndex}. */
        ARRAY_LENGTH,
        /** The scalar (int/long/float/double/boolean as int) at {@code javaIndex}. */
        SCALAR
    }

    /** @param type for SCALAR: int.class, long.class, float.class, double.class or boolean.class */
    public record Param(ParamKind kind, int javaIndex, Class<?> type) {}
}
