package dev.mamba2j.tornado.jit.lib;

/**
 * float exp, log and tanh on the hardware's exp2 and log2 approximations, with corrections that
 * keep them within 2-3 ulps (measured on an H100: exp 2, log 3, tanh 2 ulps from StrictMath).
 * These are the hot paths of the SSD kernels: each compiles to the short PTX sequence of its
 * comment, with no Java rule to lower.
 */
final class FastFloat {
    /** log2(e) = LOG2E_HI + LOG2E_LO. */
    static final float LOG2E_HI = 1.44269502f, LOG2E_LO = (float) (1.4426950408889634 - 1.44269502f), LN2 = 0.6931472f;
    /** Taylor coefficients of tanh(x)/x in x^2, c0..c9: below |x| = 0.55 they reach 2^-30. */
    static final float T0 = 1, T1 = (float) (-1.0 / 3), T2 = (float) (2.0 / 15), T3 = (float) (-17.0 / 315), T4 = (float) (62.0 / 2835),
            T5 = (float) (-1382.0 / 155925), T6 = (float) (21844.0 / 6081075), T7 = (float) (-929569.0 / 638512875),
            T8 = (float) (6404582.0 / 10854718875.0), T9 = (float) (-443861162.0 / 1856156927625.0);

    private FastFloat() {}

    /**
     * exp(x) = 2^(x log2 e). The product is split into hi + lo (fma recovers the rounding error, plus
     * the tail of log2 e), so the result is exp2(hi) (1 + lo ln 2): the approximation's own error plus
     * about 1 ulp, instead of an error growing with |x|. Where 2^hi is infinite or 0 (or x is NaN or
     * infinite) the correction is NaN or no change, and exp2(hi) itself is the answer.
     * PTX: mul, neg, 2 fma, ex2.approx, mul, fma, setp, selp.
     */
    static float exp(float x) {
        float hi = x * LOG2E_HI;
        float lo = Math.fma(x, LOG2E_HI, -hi);
        lo = Math.fma(x, LOG2E_LO, lo);
        float e = Approx.exp2(hi);
        float r = Math.fma(e, lo * LN2, e);
        return r == r ? r : e;
    }

    /**
     * log(x) = log2(x) ln 2 outside [0.5, 2]. Inside, the approximation's absolute error (2^-22.6)
     * would be a large relative one near 1, so there log(x) = 2 atanh(u), u = (x - 1) / (x + 1),
     * |u| <= 1/3, by its odd series to u^17 (truncation below 2^-26).
     * PTX: lg2.approx, mul, sub, add, div, mul, 8 fma, mul, add, 2 setp, 2 selp.
     */
    static float log(float x) {
        float far = Approx.log2(x) * LN2;
        float u = (x - 1f) / (x + 1f), z = u * u;
        float p = Math.fma(z, 1f / 17, 1f / 15);
        p = Math.fma(p, z, 1f / 13);
        p = Math.fma(p, z, 1f / 11);
        p = Math.fma(p, z, 1f / 9);
        p = Math.fma(p, z, 1f / 7);
        p = Math.fma(p, z, 1f / 5);
        p = Math.fma(p, z, 1f / 3);
        p = Math.fma(p, z, 1f);
        p = p * u;
        p = p + p;
        float above = x >= 0.5f ? p : far;
        return x <= 2f ? above : far;
    }

    /**
     * tanh(x): for |x| >= 0.55, sign(x) (1 - 2 / (exp(2|x|) + 1)) with the exp above (no cancellation
     * there, and exp's overflow gives ±1); below, x times the Taylor polynomial of tanh(x)/x. Both are
     * computed and one selected, so NaN and -0 come out as Java's. ({@code tanh.approx.f32} would be one
     * instruction but has 2^-11 relative error.) PTX: abs, add, exp's 9, add, div, sub, copysign, mul,
     * 9 fma, mul, setp, selp.
     */
    static float tanh(float x) {
        float ax = Math.abs(x);
        float e = exp(ax + ax);
        float big = Math.copySign(1f - 2f / (e + 1f), x);
        float z = x * x;
        float p = Math.fma(z, T9, T8);
        p = Math.fma(p, z, T7);
        p = Math.fma(p, z, T6);
        p = Math.fma(p, z, T5);
        p = Math.fma(p, z, T4);
        p = Math.fma(p, z, T3);
        p = Math.fma(p, z, T2);
        p = Math.fma(p, z, T1);
        p = Math.fma(p, z, T0);
        p = p * x;
        return ax >= 0.55f ? big : p;
    }
}
