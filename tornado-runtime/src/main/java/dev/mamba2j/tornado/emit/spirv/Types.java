package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.spirv.Grammar.Capability;
import dev.mamba2j.tornado.emit.spirv.Grammar.Decoration;
import dev.mamba2j.tornado.emit.spirv.Grammar.Op;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Type;

import java.util.List;

/**
 * The module's types and constants, each declared once. Integers are declared without signedness
 * (the operations say how they read them), as OpenCL requires and Vulkan allows; 64-bit and 16-bit
 * types add their capabilities when first used.
 */
final class Types {
    private final Module m;

    Types(Module m) { this.m = m; }

    int voidType() { return m.global(Op.TypeVoid, "void"); }

    int bool() { return m.global(Op.TypeBool, "bool"); }

    int i32() { return m.global(Op.TypeInt, 32, 32, 0); }

    int i64() {
        m.capability(Capability.Int64);
        return m.global(Op.TypeInt, 64, 64, 0);
    }

    /** A 16-bit integer: only for the elements of fp16/bf16 storage buffers (the capability comes with the buffer). */
    int i16() { return m.global(Op.TypeInt, 16, 16, 0); }

    int f32() { return m.global(Op.TypeFloat, 32, 32); }

    int f64() {
        m.capability(Capability.Float64);
        return m.global(Op.TypeFloat, 64, 64);
    }

    int vec3(int elem) { return m.global(Op.TypeVector, List.of("v3", elem), elem, 3); }

    int of(Type t) {
        return switch (t) { case BOOL -> bool(); case INT -> i32(); case LONG -> i64(); case FLOAT -> f32(); case DOUBLE -> f64(); };
    }

    /** An element as a buffer holds it: fp16 and bf16 as 16-bit integers. */
    int storage(ElemType e) { return e.bytes() == 2 ? i16() : of(e.valueType()); }

    /** An element as work-group and private arrays hold it: fp16 and bf16 bits widened to 32-bit integers. */
    int element(ElemType e) { return e.bytes() == 2 ? i32() : of(e.valueType()); }

    int pointer(int storageClass, int type) { return m.global(Op.TypePointer, List.of("ptr", storageClass, type), storageClass, type); }

    int array(int elem, int length) { return m.global(Op.TypeArray, List.of("arr", elem, length), elem, constInt(length)); }

    /** A runtime array with its stride: the one type of a buffer's data. */
    int runtimeArray(int elem, int stride) {
        boolean known = m.has(Op.TypeRuntimeArray, List.of("rt", elem));
        int id = m.global(Op.TypeRuntimeArray, List.of("rt", elem), elem);
        if (!known) m.decorate(id, Decoration.ArrayStride, stride);
        return id;
    }

    int function(int ret) { return m.global(Op.TypeFunction, List.of("fn", ret), ret); }

    int constInt(int v) { return m.typed(Op.Constant, i32(), v, v); }

    int constLong(long v) { return m.typed(Op.Constant, i64(), v, (int) v, (int) (v >>> 32)); }

    int constFloat(float v) { int bits = Float.floatToRawIntBits(v); return m.typed(Op.Constant, f32(), bits, bits); }

    int constDouble(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return m.typed(Op.Constant, f64(), bits, (int) bits, (int) (bits >>> 32));
    }

    int constBool(boolean v) { return m.typed(v ? Op.ConstantTrue : Op.ConstantFalse, bool(), v); }

    int constant(Const c) {
        return switch (c.type()) {
            case BOOL -> constBool(c.asBool());
            case INT -> constInt(c.asInt());
            case LONG -> constLong(c.value().longValue());
            case FLOAT -> constFloat(c.value().floatValue());
            case DOUBLE -> constDouble(c.value().doubleValue());
        };
    }
}
