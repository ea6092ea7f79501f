package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.spirv.Grammar.Glsl;
import dev.mamba2j.tornado.emit.spirv.Grammar.Op;
import dev.mamba2j.tornado.ir.Type;

/**
 * Java's division, correctly rounded, for Vulkan, whose OpFDiv may be 2.5 ulp off: NVIDIA's driver gave
 * x / x = 1 - ulp and fp64 quotients an ulp off. The device's quotient q0 is improved once,
 * q1 = q0 + r0 / b with r0 = a - q0·b, which leaves q1 within an ulp of a / b (faithful); a / b then lies
 * between q1 and its neighbour n towards it, and the nearer of the two is the one whose remainder
 * a - q·b is smaller. Remainders of faithful quotients are exact with a fused fma; the quotient of two
 * p-bit floats is never halfway between two of them, so there are no ties. Where a remainder could
 * underflow (|a| tiny), or q0 is zero, subnormal, infinite or NaN, the device's quotient stands (for the
 * specials it is Java's; a subnormal result the device may flush anyway).
 */
final class Division {
    private Division() {}

    static int exact(Code c, Type type, int a, int b) {
        boolean f32 = type == Type.FLOAT;
        int ty = c.t.of(type), bool = c.t.bool();
        int q0 = divide(c, type, a, b);
        int q1 = c.exact(Op.FAdd, ty, q0, divide(c, type, remainder(c, type, a, b, q0), b));
        int r1 = remainder(c, type, a, b, q1);
        int n = neighbourTowards(c, type, q1, c.op(Op.LogicalEqual, bool, positive(c, type, r1), positive(c, type, b)));
        int rn = remainder(c, type, a, b, n);
        int q = c.select(ty, c.op(Op.FOrdLessThan, bool, abs(c, ty, rn), abs(c, ty, r1)), n, q1);
        int absA = abs(c, ty, a), absQ0 = abs(c, ty, q0);
        int safe = c.op(Op.LogicalAnd, bool,
                c.op(Op.FOrdGreaterThanEqual, bool, absA, constant(c, type, f32 ? 0x1p-100 : 0x1p-960)),
                c.op(Op.LogicalAnd, bool,
                        c.op(Op.FOrdGreaterThanEqual, bool, absQ0, constant(c, type, f32 ? 0x1p-126 : 0x1p-1022)),
                        c.op(Op.FOrdLessThan, bool, absQ0, constant(c, type, Double.POSITIVE_INFINITY))));
        return c.select(ty, safe, q, q0);
    }

    /** The device's a / b; for fp32 on a device that may flush subnormals, with both operands scaled where 1/b would be subnormal. */
    private static int divide(Code c, Type type, int a, int b) {
        int ty = c.t.of(type);
        if (type != Type.FLOAT || c.floats.denorm32()) return c.op(Op.FDiv, ty, a, b);
        // NVIDIA's divides as a times 1/b, and 1/b is subnormal, so flushed, for |b| above 2^126 (1e30 / 3.4e38 gave 0)
        int huge = c.op(Op.FOrdGreaterThan, c.t.bool(), abs(c, ty, b), c.t.constFloat(0x1p126f));
        int s = c.select(ty, huge, c.t.constFloat(0.25f), c.t.constFloat(1f));
        return c.op(Op.FDiv, ty, c.exact(Op.FMul, ty, a, s), c.exact(Op.FMul, ty, b, s));
    }

    /** a - q·b, rounded once. */
    private static int remainder(Code c, Type type, int a, int b, int q) {
        int ty = c.t.of(type), minusQ = c.op(Op.FNegate, ty, q);
        if (!c.softFma) return c.ext(Glsl.Fma, ty, minusQ, b, a);
        return type == Type.FLOAT ? SoftFma.f32(c, minusQ, b, a) : SoftFma.f64(c, minusQ, b, a);
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

    private static int positive(Code c, Type type, int v) { return c.op(Op.FOrdGreaterThan, c.t.bool(), v, constant(c, type, 0)); }

    private static int abs(Code c, int ty, int v) { return c.ext(Glsl.FAbs, ty, v); }

    private static int constant(Code c, Type type, double v) { return type == Type.FLOAT ? c.t.constFloat((float) v) : c.t.constDouble(v); }
}
