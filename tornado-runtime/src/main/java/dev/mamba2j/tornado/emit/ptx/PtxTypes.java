package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Type;

/** How IR types, element types and address spaces are spelled in PTX. */
final class PtxTypes {
    private PtxTypes() {}

    /** Register (and arithmetic) type of a value type. */
    static String reg(Type t) {
        return switch (t) {
            case BOOL -> "pred";
            case INT -> "s32";
            case LONG -> "s64";
            case FLOAT -> "f32";
            case DOUBLE -> "f64";
        };
    }

    /** The untyped bit-size name: {@code b32} or {@code b64}. */
    static String bits(Type t) { return t.isWide() ? "b64" : "b32"; }

    /** The unsigned integer type of the same size, for logical shifts. */
    static String unsigned(Type t) { return t.isWide() ? "u64" : "u32"; }

    /** Memory access type of an element (fp16/bf16 move as raw 16-bit words). */
    static String mem(ElemType e) {
        return switch (e) {
            case INT -> "s32";
            case LONG -> "s64";
            case FLOAT -> "f32";
            case DOUBLE -> "f64";
            case HALF, BF16 -> "b16";
        };
    }

    static String space(Space s) {
        return switch (s) {
            case GLOBAL -> "global";
            case LOCAL -> "shared";
            case PRIVATE -> "local";
        };
    }
}
