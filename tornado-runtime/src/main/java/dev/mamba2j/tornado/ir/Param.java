package dev.mamba2j.tornado.ir;

/**
 * A Java parameter of the kernel: the KernelContext (no device parameter), an off-heap array
 * ({@code array}, GLOBAL) or a scalar ({@code var}).
 */
public record Param(int javaIndex, Kind kind, Var var, ArrayRef array, Class<?> javaType) {
    public enum Kind { CONTEXT, ARRAY, SCALAR }
}
