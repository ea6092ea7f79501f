package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.emit.spirv.Grammar.Glsl;
import dev.mamba2j.tornado.emit.spirv.Grammar.Op;
import dev.mamba2j.tornado.emit.spirv.Grammar.OpenClStd;
import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.MathTarget;
import dev.mamba2j.tornado.ir.Type;

import java.util.EnumSet;

/**
 * Arithmetic, conversions and math functions. Integer operations wrap (SPIR-V's do); the lowered
 * IR guarantees divisors other than 0 and -1 and shift counts in range. SPIR-V's float-to-integer
 * conversion is undefined out of range, so the value is clamped first and the top of the range, which
 * a float cannot hold exactly, is selected separately: Java's saturation.
 */
final class Arithmetic {
    private static final EnumSet<MathFn> EXACT = EnumSet.of(MathFn.SQRT, MathFn.FMA, MathFn.ABS, MathFn.FLOOR, MathFn.CEIL,
            MathFn.MIN, MathFn.MAX, MathFn.RINT, MathFn.COPYSIGN);

    /**
     * What both flavours print as they are: the functions the device math library builds on, and
     * exp2/log2 as the hardware approximations. exp, log, tanh, sin, cos, pow and floating % are the
     * library's Java (Vulkan's own are far less accurate than Java's).
     */
    static final MathTarget MATH;

    static {
        EnumSet<MathFn> floats = EnumSet.copyOf(EXACT);
        floats.add(MathFn.EXP2_APPROX);
        floats.add(MathFn.LOG2_APPROX);
        MATH = new MathTarget("SPIR-V", floats, EXACT, false);
    }

    private Arithmetic() {}

    static int binary(Code c, BinOp op, Type type, int a, int b) {
        int ty = c.t.of(type);
        if (type.isFloating()) return switch (op) {
            case ADD -> c.exact(Op.FAdd, ty, a, b);
            case SUB -> c.exact(Op.FSub, ty, a, b);
            case MUL -> c.exact(Op.FMul, ty, a, b);
            case DIV -> c.target == SpirvTarget.VULKAN ? Division.exact(c, type, a, b) : c.op(Op.FDiv, ty, a, b);
            default -> throw new IllegalArgumentException(op + " on " + type);
        };
        if (type == Type.BOOL) return switch (op) {
            case AND -> c.op(Op.LogicalAnd, ty, a, b);
            case OR -> c.op(Op.LogicalOr, ty, a, b);
            case XOR -> c.op(Op.LogicalNotEqual, ty, a, b);
            default -> throw new IllegalArgumentException(op + " on booleans");
        };
        return switch (op) {
            case ADD -> c.op(Op.IAdd, ty, a, b);
            case SUB -> c.op(Op.ISub, ty, a, b);
            case MUL -> c.op(Op.IMul, ty, a, b);
            case DIV -> c.op(Op.SDiv, ty, a, b);
            case REM -> c.target == SpirvTarget.VULKAN ? signedRemainder(c, type, a, b) : c.op(Op.SRem, ty, a, b);
            case AND -> c.op(Op.BitwiseAnd, ty, a, b);
            case OR -> c.op(Op.BitwiseOr, ty, a, b);
            case XOR -> c.op(Op.BitwiseXor, ty, a, b);
            case SHL -> c.op(Op.ShiftLeftLogical, ty, a, b);
            case SHR -> c.op(Op.ShiftRightArithmetic, ty, a, b);
            case USHR -> c.op(Op.ShiftRightLogical, ty, a, b);
        };
    }

    /**
     * Java's % for Vulkan, whose SPIR-V environment leaves OpSRem undefined for a negative operand
     * (NVIDIA's driver does return other values): |a| mod |b| unsigned, with a's sign. |MIN_VALUE| is
     * MIN_VALUE's bits, which read unsigned are its magnitude.
     */
    private static int signedRemainder(Code c, Type type, int a, int b) {
        int ty = c.t.of(type), zero = zero(c, type);
        int aNegative = c.op(Op.SLessThan, c.t.bool(), a, zero);
        int r = c.op(Op.UMod, ty, magnitude(c, ty, a, zero), magnitude(c, ty, b, zero));
        return c.select(ty, aNegative, c.op(Op.SNegate, ty, r), r);
    }

    private static int magnitude(Code c, int ty, int v, int zero) {
        return c.select(ty, c.op(Op.SLessThan, c.t.bool(), v, zero), c.op(Op.SNegate, ty, v), v);
    }

    static int convert(Code c, Type from, Type to, int v) {
        int ty = c.t.of(to);
        if (from == to) return v;
        if (from == Type.BOOL) return c.select(ty, v, to.isFloating() ? one(c, to) : intOne(c, to), zero(c, to));
        if (!from.isFloating() && !to.isFloating()) return c.op(Op.SConvert, ty, v);
        if (!from.isFloating()) return c.op(Op.ConvertSToF, ty, v);
        if (to.isFloating()) return c.op(Op.FConvert, ty, v);
        return saturate(c, from, to, v);
    }

    /** float/double to int/long, saturating at both ends (NaN unspecified: the lowering handles it). */
    private static int saturate(Code c, Type from, Type to, int v) {
        int fty = c.t.of(from), ity = c.t.of(to);
        boolean wide = to == Type.LONG;
        double low = wide ? -0x1p63 : -0x1p31;
        // the largest value below 2^31 / 2^63 that the source type holds
        double high = from == Type.FLOAT ? (wide ? Math.nextDown(0x1p63f) : Math.nextDown(0x1p31f))
                : wide ? Math.nextDown(0x1p63) : 0x1p31 - 1;
        int clamped = c.fmin(fty, c.fmax(fty, v, fconst(c, from, low)), fconst(c, from, high));
        int r = c.op(Op.ConvertFToS, ity, clamped);
        if (from == Type.DOUBLE && !wide) return r;
        int top = c.op(Op.FOrdGreaterThanEqual, c.t.bool(), v, fconst(c, from, -low));
        return c.select(ity, top, wide ? c.t.constLong(Long.MAX_VALUE) : c.t.constInt(Integer.MAX_VALUE), r);
    }

    static int fconst(Code c, Type t, double v) { return t == Type.FLOAT ? c.t.constFloat((float) v) : c.t.constDouble(v); }

    private static int zero(Code c, Type t) {
        return switch (t) { case INT -> c.t.constInt(0); case LONG -> c.t.constLong(0); default -> fconst(c, t, 0); };
    }

    private static int one(Code c, Type t) { return fconst(c, t, 1); }

    private static int intOne(Code c, Type t) { return t == Type.LONG ? c.t.constLong(1) : c.t.constInt(1); }

    static int call(Code c, MathFn fn, Type type, int... a) {
        int ty = c.t.of(type);
        boolean vk = c.target == SpirvTarget.VULKAN;
        if (fn == MathFn.COPYSIGN) return copySign(c, type, a[0], a[1]);
        if (!type.isFloating()) return switch (fn) {
            case MIN -> c.ext(vk ? Glsl.SMin : OpenClStd.S_MIN, ty, a);
            case MAX -> c.ext(vk ? Glsl.SMax : OpenClStd.S_MAX, ty, a);
            default -> throw unsupported(fn, type);
        };
        return switch (fn) {
            case SQRT -> c.ext(vk ? Glsl.Sqrt : OpenClStd.SQRT, ty, a);
            case FMA -> c.softFma ? (type == Type.FLOAT ? SoftFma.f32(c, a[0], a[1], a[2]) : SoftFma.f64(c, a[0], a[1], a[2]))
                    : c.ext(vk ? Glsl.Fma : OpenClStd.FMA, ty, a);
            case ABS -> c.ext(vk ? Glsl.FAbs : OpenClStd.FABS, ty, a);
            case FLOOR -> c.ext(vk ? Glsl.Floor : OpenClStd.FLOOR, ty, a);
            case CEIL -> c.ext(vk ? Glsl.Ceil : OpenClStd.CEIL, ty, a);
            case RINT -> c.ext(vk ? Glsl.RoundEven : OpenClStd.RINT, ty, a);
            case MIN -> c.fmin(ty, a[0], a[1]);
            case MAX -> c.fmax(ty, a[0], a[1]);
            case EXP2_APPROX -> c.ext(vk ? Glsl.Exp2 : OpenClStd.EXP2, ty, a);
            case LOG2_APPROX -> c.ext(vk ? Glsl.Log2 : OpenClStd.LOG2, ty, a);
            default -> throw unsupported(fn, type);
        };
    }

    /** The magnitude of m with the sign bit of s, on the bits (NaN's sign included, as Math.copySign). */
    private static int copySign(Code c, Type type, int m, int s) {
        boolean wide = type == Type.DOUBLE;
        int ity = wide ? c.t.i64() : c.t.i32();
        int mag = wide ? c.t.constLong(Long.MAX_VALUE) : c.t.constInt(Integer.MAX_VALUE);
        int sign = wide ? c.t.constLong(Long.MIN_VALUE) : c.t.constInt(Integer.MIN_VALUE);
        int bits = c.op(Op.BitwiseOr, ity, c.op(Op.BitwiseAnd, ity, c.bitcast(ity, m), mag), c.op(Op.BitwiseAnd, ity, c.bitcast(ity, s), sign));
        return c.bitcast(c.t.of(type), bits);
    }

    private static KernelCompilationException unsupported(MathFn fn, Type type) {
        return new KernelCompilationException("SPIR-V has no " + fn + " on " + type + ": the lowering should have inlined the library's");
    }
}
