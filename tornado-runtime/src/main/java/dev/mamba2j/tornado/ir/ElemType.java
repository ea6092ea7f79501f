package dev.mamba2j.tornado.ir;

/**
 * Element types of arrays as stored in memory. HALF (IEEE fp16) and BF16 (upper half of an fp32)
 * are storage types: loads widen them to FLOAT and stores round to nearest even, exactly as
 * {@code HalfArray} and {@code BFloat16Array} do on the host.
 */
public enum ElemType {
    INT(Type.INT, 4), LONG(Type.LONG, 8), FLOAT(Type.FLOAT, 4), DOUBLE(Type.DOUBLE, 8),
    HALF(Type.FLOAT, 2), BF16(Type.FLOAT, 2);

    private final Type value;
    private final int bytes;

    ElemType(Type value, int bytes) { this.value = value; this.bytes = bytes; }

    /** The type a load produces and a store takes. */
    public Type valueType() { return value; }

    public int bytes() { return bytes; }
}
