package dev.mamba2j.model.weights;

import java.util.Optional;

/**
 * Element types of stored tensors, named as safetensors names them. Only {@link #F32},
 * {@link #BF16} and {@link #F16} convert to the model's arrays; the rest are recognised so that
 * errors can name them.
 */
public enum DType {
    F32(4), BF16(2), F16(2),
    F64(8), I64(8), I32(4), I16(2), I8(1), U64(8), U32(4), U16(2), U8(1), BOOL(1), F8_E4M3(1), F8_E5M2(1);

    private final int byteSize;

    DType(int byteSize) { this.byteSize = byteSize; }

    /** Bytes per element. */
    public int byteSize() { return byteSize; }

    /** Whether tensors of this type convert to float arrays. */
    public boolean convertsToFloat() { return this == F32 || this == BF16 || this == F16; }

    /** The type of a safetensors dtype string, empty if unknown. */
    public static Optional<DType> bySafetensorsName(String name) {
        for (DType t : values()) if (t.name().equals(name)) return Optional.of(t);
        return Optional.empty();
    }
}
