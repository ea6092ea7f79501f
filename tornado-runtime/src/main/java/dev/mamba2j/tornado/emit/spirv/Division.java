package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.spirv.Grammar.Glsl;
import dev.mamba2j.tornado.emit.spirv.Grammar.Op;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Type;

/**
 * Java's division, correctly rounded, for Vulkan, whose OpFDiv may be 2.5 ulp off: NVIDIA's driver gave
 * x / x = 1 - ulp and fp64 quotients an ulp off. Both operands are brought into [1, 2) by their exponents
 * (exactly), where remainders neither underflow nor overflow, and the significands' quotient q0 there is
 * improved once, q1 = q0 + r0 / b with r0 = a - q0·b, which leaves q1 within an ulp of a / b (faithful);
 * a / b then lies between q1 and its neighbour n towards it, and the nearer of the two is the one whose
 * remainder a - q·b is smaller. Remainders of faithful quotients are exact with a fused fma, and the
 * quotient of two p-bit floats is never halfway between two of them, so there are no ties. The exponents'
 * difference goes back on with Ldexp, exact for a normal result and infinite on overflow, as Java's.
 * Where an operand is zero, subnormal, infinite or NaN, or the quotient is subnormal, the device's own
 * quotient stands: for the specials it is Java's, and a subnormal the device may flush anyway.
 */
final class Division {
    private Division() {}

    static int exact(Code c, Type type, int a, int b) {
        boolean f32 = type == Type.FLOAT;
        int ty = c.t.of(type), bool = c.t.bool(), i32 = c.t.i32();
        Parts pa = parts(c, type, a), pb = parts(c, type, b);
        int q = c.ext(Glsl.Ldexp, ty, significandQuotient(c, type, pa.significand, pb.significand), c.op(Op.ISub, i32, pa.exponent, pb.exponent));
        int ok = c.op(Op.LogicalAnd, bool, c.op(Op.LogicalAnd, bool, pa.normal, pb.normal),
                c.op(Op.FOrdGreaterThanEqual, bool, c.ext(Glsl.FAbs, ty, q), Arithmetic.fconst(c, type, f32 ? 0x1p-126 : 0x1p-1022)));
        return c.select(ty, ok, q, deviceQuotient(c, type, a, b));
    }

    /**
     * The device's a / b, for the specials; for fp32 on a device that may flush subnormals, with both
     * operands scaled by 1/4 where |b| is above 2^126: NVIDIA's divides as a times 1/b, and 1/b is then
     * subnormal, so flushed (∞ / 3.4e38 gave NaN).
     */
    private static int deviceQuotient(Code c, Type type, int a, int b) {
        int ty = c.t.of(type);
        if (type != Type.FLOAT || c.floats.denorm32()) return c.op(Op.FDiv, ty, a, b);
        int huge = c.op(Op.FOrdGreaterThan, c.t.bool(), c.ext(Glsl.FAbs, ty, b), c.t.constFloat(0x1p126f));
        int s = c.select(ty, huge, c.t.constFloat(0.25f), c.t.constFloat(1f));
        return c.op(Op.FDiv, ty, c.exact(Op.FMul, ty, a, s), c.exact(Op.FMul, ty, b, s));
    }

    /** A float's biased exponent, whether it is normal (neither zero, subnormal, infinite nor NaN), and its significand with its sign, in [1, 2). */
    private record Parts(int exponent, int normal, int significand) {}

    private static Parts parts(Code c, Type type, int v) {
        boolean f32 = type == Type.FLOAT;
        int bits = f32 ? c.t.i32() : c.t.i64(), i32 = c.t.i32(), bool = c.t.bool();
        int raw = c.bitcast(bits, v);
        int field = c.op(Op.BitwiseAnd, bits, c.op(Op.ShiftRightLogical, bits, raw, f32 ? c.t.constInt(23) : c.t.constLong(52)),
                f32 ? c.t.constInt(0xff) : c.t.constLong(0x7ff));
        int exponent = f32 ? field : c.op(Op.SConvert, i32, field);
        int max = f32 ? 0xff : 0x7ff;
        int normal = c.op(Op.LogicalAnd, bool, c.op(Op.SGreaterThan, bool, exponent, c.t.constInt(0)),
                c.op(Op.SLessThan, bool, exponent, c.t.constInt(max)));
        int one = f32 ? c.op(Op.BitwiseOr, bits, c.op(Op.BitwiseAnd, bits, raw, c.t.constInt(0x807fffff)), c.t.constInt(0x3f800000))
                : c.op(Op.BitwiseOr, bits, c.op(Op.BitwiseAnd, bits, raw, c.t.constLong(0x800fffffffffffffL)), c.t.constLong(0x3ff0000000000000L));
        return new Parts(exponent, normal, c.bitcast(c.t.of(type), one));
    }

    /** a / b correctly rounded for |a| and |b| in [1, 2). */
    private static int significandQuotient(Code c, Type type, int a, int b) {
        int ty = c.t.of(type), bool = c.t.bool();
        int q0 = c.op(Op.FDiv, ty, a, b);
        int q1 = c.exact(Op.FAdd, ty, q0, c.op(Op.FDiv, ty, remainder(c, type, a, b, q0), b));
        int r1 = remainder(c, type, a, b, q1);
        int n = neighbourTowards(c, type, q1, c.op(Op.LogicalEqual, bool, positive(c, type, r1), positive(c, type, b)));
        int rn = remainder(c, type, a, b, n);
        return c.select(ty, c.op(Op.FOrdLessThan, bool, c.ext(Glsl.FAbs, ty, rn), c.ext(Glsl.FAbs, ty, r1)), n, q1);
    }

    /** a - q·b, rounded once (Java's fma, in software where the device's is not fused). */
    private static int remainder(Code c, Type type, int a, int b, int q) {
        return Arithmetic.call(c, MathFn.FMA, type, c.op(Op.FNegate, c.t.of(type), q), b, a);
    }

    /** q's neighbour towards +infinity if {@code up}, else towards -infinity (q finite and not zero). */
    private static int neighbourTowards(Code c, Type type, int q, int up) {
        boolean f32 = type == Type.FLOAT;
        int bits = f32 ? c.t.i32() : c.t.i64(), bool = c.t.bool();
        int outward = c.op(Op.LogicalEqual, bool, up, positive(c, type, q));
        int one = f32 ? c.t.constInt(1) : c.t.constLong(1), minusOne = f32 ? c.t.constInt(-1) : c.t.constLong(-1);
        int moved = c.op(Op.IAdd, bits, c.bitcast(bits, q), c.select(bits, outward, one, minusOne));
        return c.bitcast(c.t.of(type), moved);
    }

    private static int positive(Code c, Type type, int v) { return c.op(Op.FOrdGreaterThan, c.t.bool(), v, Arithmetic.fconst(c, type, 0)); }
}
