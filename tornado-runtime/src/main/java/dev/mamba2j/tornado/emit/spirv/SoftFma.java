package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.spirv.Grammar.Op;

/**
 * fma correctly rounded without a fused instruction, for Vulkan devices whose Fma is a multiply and an
 * add (GLSL.std.450 allows either; the device math library needs the fused one). Both use rounding to
 * odd (Boldo and Melquiond): a sum rounded to odd, then to nearest in a narrower precision, is the sum
 * rounded to nearest once.
 * <ul>
 * <li>float: a·b is exact in double; a + c in double, made odd where inexact, rounds to float correctly.
 * <li>double: a·b split exactly into uh + ul (Veltkamp and Dekker), c + uh into th + tl (two-sum), and
 *     th + odd(tl + ul) rounded once. Where an intermediate overflows (|a·b| near the double range) the
 *     plain a·b + c is used.
 * </ul>
 */
final class SoftFma {
    private SoftFma() {}

    static int f32(Code c, int a, int b, int addend) {
        int f64 = c.t.f64();
        int p = c.exact(Op.FMul, f64, widen(c, a), widen(c, b));
        int[] s = twoSum(c, p, widen(c, addend));
        return c.op(Op.FConvert, c.t.f32(), odd(c, s[0], s[1]));
    }

    static int f64(Code c, int a, int b, int addend) {
        int f64 = c.t.f64();
        int uh = c.exact(Op.FMul, f64, a, b);
        int[] sa = split(c, a), sb = split(c, b);
        int t = c.exact(Op.FSub, f64, c.exact(Op.FMul, f64, sa[0], sb[0]), uh);
        t = c.exact(Op.FAdd, f64, t, c.exact(Op.FMul, f64, sa[0], sb[1]));
        t = c.exact(Op.FAdd, f64, t, c.exact(Op.FMul, f64, sa[1], sb[0]));
        int ul = c.exact(Op.FAdd, f64, t, c.exact(Op.FMul, f64, sa[1], sb[1]));
        int[] th = twoSum(c, addend, uh);
        int[] v = twoSum(c, th[1], ul);
        int z = c.exact(Op.FAdd, f64, th[0], odd(c, v[0], v[1]));
        int plain = c.exact(Op.FAdd, f64, uh, addend);
        return c.select(f64, c.op(Op.IsNan, c.t.bool(), z), plain, z);
    }

    private static int widen(Code c, int f) { return c.op(Op.FConvert, c.t.f64(), f); }

    /** Veltkamp's split of a double into two halves of 26 bits each: {hi, lo}, hi + lo exact. */
    private static int[] split(Code c, int x) {
        int f64 = c.t.f64();
        int g = c.exact(Op.FMul, f64, c.t.constDouble(134217729.0), x); // 2^27 + 1
        int hi = c.exact(Op.FSub, f64, g, c.exact(Op.FSub, f64, g, x));
        return new int[] {hi, c.exact(Op.FSub, f64, x, hi)};
    }

    /** Knuth's two-sum: {s, e} with s = fl(x + y) and s + e = x + y exactly. */
    private static int[] twoSum(Code c, int x, int y) {
        int f64 = c.t.f64();
        int s = c.exact(Op.FAdd, f64, x, y);
        int bb = c.exact(Op.FSub, f64, s, x);
        int e = c.exact(Op.FAdd, f64, c.exact(Op.FSub, f64, x, c.exact(Op.FSub, f64, s, bb)), c.exact(Op.FSub, f64, y, bb));
        return new int[] {s, e};
    }

    /** s + e (e the rounding error of s) rounded to odd: where e is not 0 and s's last bit is even, s's neighbour towards e. */
    private static int odd(Code c, int s, int e) {
        int i64 = c.t.i64(), bool = c.t.bool(), zero = c.t.constDouble(0);
        int bits = c.bitcast(i64, s);
        int even = c.op(Op.IEqual, bool, c.op(Op.BitwiseAnd, i64, bits, c.t.constLong(1)), c.t.constLong(0));
        int inexact = c.op(Op.FOrdNotEqual, bool, e, zero); // false for NaN (s infinite)
        int outward = c.op(Op.LogicalEqual, bool, c.op(Op.FOrdGreaterThan, bool, e, zero), c.op(Op.FOrdGreaterThan, bool, s, zero));
        int moved = c.op(Op.IAdd, i64, bits, c.select(i64, outward, c.t.constLong(1), c.t.constLong(-1)));
        return c.bitcast(c.t.f64(), c.select(i64, c.op(Op.LogicalAnd, bool, even, inexact), moved, bits));
    }
}
