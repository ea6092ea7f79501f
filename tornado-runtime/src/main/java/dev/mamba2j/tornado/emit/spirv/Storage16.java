package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.spirv.Grammar.Glsl;
import dev.mamba2j.tornado.emit.spirv.Grammar.Op;
import dev.mamba2j.tornado.emit.spirv.Grammar.OpenClStd;
import dev.mamba2j.tornado.ir.ElemType;

/**
 * fp16 and bf16 storage as integer arithmetic on the bits, so that every device rounds as
 * {@code HalfArray} and {@code BFloat16Array} do on the host (nearest even; a NaN keeps its sign
 * and top payload bits) without needing 16-bit float support: values are 32-bit integers holding
 * the 16 bits.
 */
final class Storage16 {
    private Storage16() {}

    /** The float a 16-bit pattern (in the low half of an int) stands for. */
    static int widen(Code c, ElemType e, int bits) {
        int f32 = c.t.f32(), i32 = c.t.i32();
        if (e == ElemType.BF16) return c.bitcast(f32, c.shl(bits, 16));
        int sign = c.shl(c.and(bits, 0x8000), 16);
        int exp = c.and(c.shr(bits, 10), 0x1f);
        int mant = c.and(bits, 0x3ff);
        int normal = c.or(sign, c.or(c.shl(c.add(exp, c.t.constInt(112)), 23), c.shl(mant, 13)));
        int special = c.or(sign, c.or(c.t.constInt(0x7f800000), c.shl(mant, 13)));
        // a subnormal is mant * 2^-24, exact in fp32
        int sub = c.op(Op.FMul, f32, c.op(Op.ConvertSToF, f32, mant), c.t.constFloat(0x1p-24f));
        int subBits = c.or(sign, c.bitcast(i32, sub));
        int isSpecial = c.op(Op.IEqual, c.t.bool(), exp, c.t.constInt(0x1f));
        int isSub = c.op(Op.IEqual, c.t.bool(), exp, c.t.constInt(0));
        return c.bitcast(f32, c.select(i32, isSpecial, special, c.select(i32, isSub, subBits, normal)));
    }

    /** The 16-bit pattern (in an int) of a float rounded to nearest even. */
    static int narrow(Code c, ElemType e, int value) {
        int i32 = c.t.i32(), bool = c.t.bool();
        int bits = c.bitcast(i32, value);
        int abs = c.and(bits, 0x7fffffff);
        int isNan = c.op(Op.SGreaterThan, bool, abs, c.t.constInt(0x7f800000));
        if (e == ElemType.BF16) {
            int nan = c.or(c.shr(bits, 16), c.t.constInt(0x40));
            int rounded = c.shr(c.add(c.add(bits, c.t.constInt(0x7fff)), c.and(c.shr(bits, 16), 1)), 16);
            return c.select(i32, isNan, nan, rounded);
        }
        int sign = c.and(c.shr(bits, 16), 0x8000);
        int nan = c.or(sign, c.or(c.t.constInt(0x7c00), c.or(c.shr(c.and(bits, 0x007fe000), 13),
                c.or(c.shr(c.and(bits, 0x1ff0), 4), c.and(bits, 0xf)))));
        int inf = c.or(sign, c.t.constInt(0x7c00));
        // normal: rebias the exponent, then round the 13 dropped bits to nearest even (a carry may raise the exponent)
        int rebased = c.op(Op.ISub, i32, abs, c.t.constInt(0x38000000));
        int normal = c.or(sign, c.shr(c.add(c.add(rebased, c.t.constInt(0xfff)), c.and(c.shr(abs, 13), 1)), 13));
        // subnormal: |v| * 2^24 is exact and its nearest even integer is the pattern (1024 being the smallest normal)
        int f32 = c.t.f32();
        int scaled = c.op(Op.FMul, f32, abs(c, f32, value), c.t.constFloat(0x1p24f));
        int rounded = roundEven(c, f32, c.fmin(f32, scaled, c.t.constFloat(2048f)));
        int sub = c.or(sign, c.op(Op.ConvertFToS, i32, rounded));
        int isInf = c.op(Op.SGreaterThanEqual, bool, abs, c.t.constInt(0x477ff000));
        int isNormal = c.op(Op.SGreaterThanEqual, bool, abs, c.t.constInt(0x38800000));
        return c.select(i32, isNan, nan, c.select(i32, isInf, inf, c.select(i32, isNormal, normal, sub)));
    }

    private static int abs(Code c, int type, int v) {
        return c.target == SpirvTarget.VULKAN ? c.ext(Glsl.FAbs, type, v) : c.ext(OpenClStd.FABS, type, v);
    }

    private static int roundEven(Code c, int type, int v) {
        return c.target == SpirvTarget.VULKAN ? c.ext(Glsl.RoundEven, type, v) : c.ext(OpenClStd.RINT, type, v);
    }
}
