package dev.mamba2j.tornado.jit.lib;

/** exp and tanh in double: Cody-Waite reduction by k ln 2, a Taylor polynomial, scaling by 2^k. */
final class Exponential {
    static final double LOG2E = 1.4426950408889634;
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI has 32 significant bits, so k LN2_HI is exact for |k| < 2^21. */
    static final double LN2_HI = Double.longBitsToDouble(0x3FE62E42FEE00000L), LN2_LO = Double.longBitsToDouble(0x3DEA39EF35793C76L);
    /** 1/n!: exp(r) = sum r^n / n!, n = 0..13; the next term is below 2^-57 for |r| <= ln2/2. */
    static final double F2 = 1.0 / 2, F3 = 1.0 / 6, F4 = 1.0 / 24, F5 = 1.0 / 120, F6 = 1.0 / 720, F7 = 1.0 / 5040, F8 = 1.0 / 40320,
            F9 = 1.0 / 362880, F10 = 1.0 / 3628800, F11 = 1.0 / 39916800, F12 = 1.0 / 479001600, F13 = 1.0 / 6227020800.0;
    static final double TANH_SERIES_LIMIT = 0.55;
    /** 2|x| is capped here for tanh: tanh is 1 to the last bit from |x| = 19.1 on. */
    static final double TANH_EXP_LIMIT = 44;

    private Exponential() {}

    static double exp(double x) { return exp(x, 0); }

    /** float exp where the target has no approximation to build on: the double one, rounded. */
    static float exp(float x) { return (float) exp(x, 0); }

    static float tanh(float x) { return (float) tanh((double) x); }

    /**
     * exp(hi + lo), lo far below hi's last place (the tail of a double-double); NaN passes through.
     * r = hi - k ln 2 (+ lo) with |r| <= ln2/2, then the polynomial times 2^k as 2^(k>>1) 2^(k - (k>>1)):
     * both factors normal, the first product exact, so a subnormal result rounds once.
     */
    static double exp(double hi, double lo) {
        double x = hi < -746 ? -746 : hi > 710 ? 710 : hi;  // beyond, exp is 0 or infinite anyway
        double k = Math.rint(x * LOG2E);
        double r = Math.fma(-k, LN2_HI, x);                  // exact
        r = Math.fma(-k, LN2_LO, r) + lo;
        double p = Math.fma(r, F13, F12);
        p = Math.fma(p, r, F11);
        p = Math.fma(p, r, F10);
        p = Math.fma(p, r, F9);
        p = Math.fma(p, r, F8);
        p = Math.fma(p, r, F7);
        p = Math.fma(p, r, F6);
        p = Math.fma(p, r, F5);
        p = Math.fma(p, r, F4);
        p = Math.fma(p, r, F3);
        p = Math.fma(p, r, F2);
        p = Math.fma(p, r, 1);
        p = Math.fma(p, r, 1);
        int ki = (int) k, k1 = ki >> 1;
        p = p * twoTo(k1) * twoTo(ki - k1);
        return hi != hi ? hi : p;
    }

    /** 2^e for a normal exponent e. */
    static double twoTo(int e) { return Double.longBitsToDouble((long) (e + 1023) << 52); }

    /**
     * tanh: below 0.55, x + x^3 P(x^2) (Taylor to x^37; x itself below 2^-27, which keeps -0); above,
     * em / (em + 2) with x's sign, em = expm1(2|x|) = 2^k q + (2^k - 1), q = expm1(r) from the same
     * reduction as exp, which rounds once.
     */
    static double tanh(double x) {
        double ax = Math.abs(x), z = x * x;
        double small = Math.fma(x * z, TanhSeries.poly(z), x);
        small = ax < 0x1p-27 ? x : small;
        double t = ax + ax;
        t = t < TANH_EXP_LIMIT ? t : TANH_EXP_LIMIT;
        double k = Math.rint(t * LOG2E);
        double r = Math.fma(-k, LN2_HI, t);
        r = Math.fma(-k, LN2_LO, r);
        double q = Math.fma(r, F13, F12);                    // expm1(r) / r = sum r^n / (n + 1)!, n = 0..12
        q = Math.fma(q, r, F11);
        q = Math.fma(q, r, F10);
        q = Math.fma(q, r, F9);
        q = Math.fma(q, r, F8);
        q = Math.fma(q, r, F7);
        q = Math.fma(q, r, F6);
        q = Math.fma(q, r, F5);
        q = Math.fma(q, r, F4);
        q = Math.fma(q, r, F3);
        q = Math.fma(q, r, F2);
        q = Math.fma(q, r, 1) * r;
        double scale = twoTo((int) k);
        double em = Math.fma(scale, q, scale - 1);
        double big = Math.copySign(em / (em + 2), x);
        double v = ax < TANH_SERIES_LIMIT ? small : big;
        return x != x ? x : v;
    }
}
