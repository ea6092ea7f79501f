package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.MathTarget;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Type;

import java.util.List;

import static dev.mamba2j.tornado.emit.ptx.PtxWriter.reg;
import static dev.mamba2j.tornado.emit.ptx.PtxWriter.val;

/**
 * Math functions. Bit-exact with Java (checked on an H100): sqrt ({@code sqrt.rn}), fma, abs,
 * floor, ceil, rint and copysign; min and max are minNum/maxNum, as the lowered IR defines them. float exp, log and tanh are
 * built on the hardware's {@code ex2.approx}/{@code lg2.approx} with the corrections described at
 * each method (2-3 ulp). sin/cos of both types, double exp/log/tanh, and pow of both types call
 * the functions of {@link PtxLibm} (float sin/cos/pow on the widened argument).
 */
final class PtxMath {
    static final MathTarget TARGET = MathTarget.allNative("PTX");

    private static final String LOG2E_HI = f(1.44269502f), LOG2E_LO = f((float) (1.4426950408889634 - 1.44269502f)),
            LN2 = f(0.6931472f);
    /** Taylor coefficients of tanh(x)/x in x^2, c0..c9: below |x| = 0.55 they reach 2^-30. */
    private static final double[] TANH_TAYLOR = {1, -1.0 / 3, 2.0 / 15, -17.0 / 315, 62.0 / 2835, -1382.0 / 155925,
            21844.0 / 6081075, -929569.0 / 638512875, 6404582.0 / 10854718875.0, -443861162.0 / 1856156927625.0};

    private final PtxWriter w;
    private final PtxLibm libm;

    PtxMath(PtxWriter w, PtxLibm libm) {
        this.w = w;
        this.libm = libm;
    }

    private static String f(float v) { return String.format("0f%08X", Float.floatToRawIntBits(v)); }

    void call(Instr.Call c) {
        Type t = c.dst().type();
        String d = reg(c.dst()), rt = PtxTypes.reg(t);
        List<Operand> args = c.args();
        String a = val(args.getFirst());
        switch (c.fn()) {
            case SQRT -> w.op("sqrt.rn." + rt + " " + d + ", " + a);
            case FMA -> w.op("fma.rn." + rt + " " + d + ", " + a + ", " + val(args.get(1)) + ", " + val(args.get(2)));
            case ABS -> w.op("abs." + rt + " " + d + ", " + a);
            case FLOOR -> w.op("cvt.rmi." + rt + "." + rt + " " + d + ", " + a);
            case CEIL -> w.op("cvt.rpi." + rt + "." + rt + " " + d + ", " + a);
            case MIN, MAX -> w.op(c.fn().name().toLowerCase() + "." + rt + " " + d + ", " + a + ", " + val(args.get(1))); // minNum/maxNum
            case RINT -> w.op("cvt.rni." + rt + "." + rt + " " + d + ", " + a);
            case COPYSIGN -> w.op("copysign." + rt + " " + d + ", " + val(args.get(1)) + ", " + a);   // PTX: sign first
            case EXP2_APPROX -> w.op("ex2.approx.f32 " + d + ", " + a);
            case LOG2_APPROX -> w.op("lg2.approx.f32 " + d + ", " + a);
            case POW -> libm.call(w, t == Type.DOUBLE ? "j_powd" : "j_powf", d, a, val(args.get(1)));
            case EXP, LOG, TANH, SIN, COS -> {
                if (t == Type.DOUBLE) libm.call(w, "j_" + c.fn().name().toLowerCase() + "d", d, a);
                else switch (c.fn()) {
                    case EXP -> exp(d, a);
                    case LOG -> log(d, a);
                    case TANH -> tanh(d, a);
                    default -> sinCos(c.fn(), d, a);
                }
            }
        }
    }

    /**
     * exp(x) = 2^(x log2 e). The product is split into hi + lo (fma recovers the rounding error,
     * plus the tail of log2 e), so the result is ex2.approx(hi) * (1 + lo ln 2): the error is
     * ex2.approx's own plus about 1 ulp, instead of growing with |x|. Measured on an H100: at most
     * 2 ulp from StrictMath.exp, subnormal results included.
     */
    void exp(String d, String x) {
        String hi = w.temp("f32"), lo = w.temp("f32"), e = w.temp("f32"), small = w.temp("pred");
        w.op("mul.rn.f32 " + hi + ", " + x + ", " + LOG2E_HI);
        w.op("neg.f32 " + lo + ", " + hi);
        w.op("fma.rn.f32 " + lo + ", " + x + ", " + LOG2E_HI + ", " + lo);
        w.op("fma.rn.f32 " + lo + ", " + x + ", " + LOG2E_LO + ", " + lo);
        // correct only where 2^hi is finite and not 0 (-150 < hi < 128): elsewhere inf * lo could make NaN
        w.op("setp.lt.f32 " + small + ", " + hi + ", 0f43000000");
        w.op("setp.gt.and.f32 " + small + ", " + hi + ", 0fC3160000, " + small);
        w.op("ex2.approx.f32 " + e + ", " + hi);
        w.op("mul.rn.f32 " + lo + ", " + lo + ", " + LN2);
        w.op("fma.rn.f32 " + lo + ", " + e + ", " + lo + ", " + e);
        w.op("selp.f32 " + d + ", " + lo + ", " + e + ", " + small);
    }

    /**
     * log(x) = lg2.approx(x) ln 2 outside [0.5, 2]. Inside, lg2.approx's absolute error (2^-22.6 in
     * the PTX ISA) would be a large relative one near 1, so there log(x) = 2 atanh(u) with
     * u = (x - 1) / (x + 1), |u| <= 1/3, by its odd series to u^17 (truncation below 2^-26).
     * Measured on an H100: at most 3 ulp from StrictMath.log.
     */
    void log(String d, String x) {
        String l = w.temp("f32"), u = w.temp("f32"), z = w.temp("f32"), p = w.temp("f32"), num = w.temp("f32"),
                den = w.temp("f32"), near = w.temp("pred");
        w.op("lg2.approx.f32 " + l + ", " + x);
        w.op("mul.rn.f32 " + l + ", " + l + ", " + LN2);
        w.op("sub.rn.f32 " + num + ", " + x + ", 0f3F800000");
        w.op("add.rn.f32 " + den + ", " + x + ", 0f3F800000");
        w.op("div.rn.f32 " + u + ", " + num + ", " + den);
        w.op("mul.rn.f32 " + z + ", " + u + ", " + u);
        w.op("mov.f32 " + p + ", " + f(1f / 17));
        for (int k = 15; k >= 1; k -= 2) w.op("fma.rn.f32 " + p + ", " + p + ", " + z + ", " + f(1f / k));
        w.op("mul.rn.f32 " + p + ", " + p + ", " + u);
        w.op("add.rn.f32 " + p + ", " + p + ", " + p);
        w.op("setp.ge.f32 " + near + ", " + x + ", 0f3F000000");
        w.op("setp.le.and.f32 " + near + ", " + x + ", 0f40000000, " + near);
        w.op("selp.f32 " + d + ", " + p + ", " + l + ", " + near);
    }

    /**
     * tanh(x): for |x| >= 0.55, sign(x) (1 - 2 / (exp(2|x|) + 1)) with the exp above (no
     * cancellation there, and exp overflow gives ±1); below, x times the Taylor polynomial of
     * tanh(x)/x. Both are computed and one selected, so NaN and -0 come out as Java's.
     * Measured on an H100: at most 2 ulp. ({@code tanh.approx.f32} would be one instruction but
     * has 2^-11 relative error, far outside the 1e-5 fp32 tolerance of the verification.)
     */
    void tanh(String d, String x) {
        String ax = w.temp("f32"), twice = w.temp("f32"), e = w.temp("f32"), big = w.temp("f32"), z = w.temp("f32"),
                p = w.temp("f32"), far = w.temp("pred");
        w.op("abs.f32 " + ax + ", " + x);
        w.op("add.rn.f32 " + twice + ", " + ax + ", " + ax);
        exp(e, twice);
        w.op("add.rn.f32 " + e + ", " + e + ", 0f3F800000");
        w.op("div.rn.f32 " + e + ", 0f40000000, " + e);
        w.op("sub.rn.f32 " + big + ", 0f3F800000, " + e);
        w.op("copysign.f32 " + big + ", " + x + ", " + big);
        w.op("mul.rn.f32 " + z + ", " + x + ", " + x);
        w.op("mov.f32 " + p + ", " + f((float) TANH_TAYLOR[TANH_TAYLOR.length - 1]));
        for (int k = TANH_TAYLOR.length - 2; k >= 0; k--)
            w.op("fma.rn.f32 " + p + ", " + p + ", " + z + ", " + f((float) TANH_TAYLOR[k]));
        w.op("mul.rn.f32 " + p + ", " + p + ", " + x);
        w.op("setp.ge.f32 " + far + ", " + ax + ", 0f3F0CCCCD");      // 0.55
        w.op("selp.f32 " + d + ", " + big + ", " + p + ", " + far);
    }

    /**
     * float sin/cos: the double function of the widened argument, rounded, which is what Java's
     * {@code (float) Math.sin(x)} computes; within an ulp of Java for every x (see {@link PtxLibm}),
     * relative error bounded near the zeros too, unlike {@code sin.approx}.
     */
    private void sinCos(MathFn fn, String d, String x) {
        String wide = w.temp("f64"), r = w.temp("f64");
        w.op("cvt.f64.f32 " + wide + ", " + x);
        libm.call(w, fn == MathFn.SIN ? "j_sind" : "j_cosd", r, wide);
        w.op("cvt.rn.f32.f64 " + d + ", " + r);
    }
}
