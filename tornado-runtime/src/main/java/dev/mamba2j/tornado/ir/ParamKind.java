package dev.mamba2j.tornado.ir;

/** How a device parameter is fed from the Java arguments. */
public enum ParamKind {
    /** The device buffer of the off-heap array at {@code javaIndex}. */
    BUFFER,
    /** The element count (int) of the array at {@code javaIndex}. */
    ARRAY_LENGTH,
    /** The scalar (int/long/float/double/boolean as int) at {@code javaIndex}. */
    SCALAR
}
