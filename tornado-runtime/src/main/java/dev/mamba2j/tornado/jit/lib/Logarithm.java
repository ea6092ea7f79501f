package dev.mamba2j.tornado.jit.lib;

/** log in double, also as a double-double for pow. */
final class Logarithm {
    static final long FRAC_MASK = 0x000FFFFFFFFFFFFFL;
    /** The fraction bits of sqrt(2): a significand at least this is halved before the series. */
    static final long SQRT2_FRAC = 0x6A09E667F3BCDL;
    /** 2/3 = TWO_THIRDS_HI + TWO_THIRDS_LO. */
    static final double TWO_THIRDS_HI = 2.0 / 3, TWO_THIRDS_LO = Math.fma(-3, TWO_THIRDS_HI, 2) / 3;

    private Logarithm() {}

    /** float log where the target has no approximation to build on: the double one, rounded. */
    static float log(float x) { return (float) log((double) x); }

    static double log(double x) {
        double[] hl = new double[2];
        logdd(x, hl);
        return hl[0];
    }

    /**
     * log(x) = hi + lo, stored to out[0] and out[1], with about 2^-60 relative error: x = m 2^e with
     * m in [sqrt(1/2), sqrt(2)), log(m) = 2 atanh(s), s = (m - 1) / (m + 1); s and the terms 2s and
     * 2s^3/3 in double-double, the rest of the series (below 4e-4 of the result) in double, then
     * e ln 2 added by a two-sum. Special values go to out[0] (log 0 = -Inf, log Inf = Inf, NaN below 0
     * and for NaN), with out[1] = 0.
     */
    static void logdd(double x, double[] out) {
        boolean sub = x < 0x1p-1022;                         // subnormal (or not positive): scale by 2^54 first
        double xs = sub ? x * 0x1p54 : x;
        long bits = Double.doubleToRawLongBits(xs);
        int e = (int) (bits >>> 52) - (sub ? 1077 : 1023);
        long mant = bits & FRAC_MASK;
        boolean big = mant >= SQRT2_FRAC;
        double m = Double.longBitsToDouble(mant | (big ? 0x3FE0000000000000L : 0x3FF0000000000000L));
        e += big ? 1 : 0;
        double f = m - 1;                                    // exact
        double th = f + 2, tl = f - (th - 2);                // 2 + f = th + tl exactly
        double sh = f / th;                                  // s = f / (2 + f) = sh + sl
        double e1 = Math.fma(-sh, th, f);
        e1 = Math.fma(-sh, tl, e1);
        double sl = e1 / th;
        double zh = sh * sh;                                 // s^2 = zh + zl
        double zl = Math.fma(sh, sh, -zh);
        zl = Math.fma(sh + sh, sl, zl);
        double ch = zh * sh;                                 // s^3 = ch + cl
        double cl = Math.fma(zh, sh, -ch);
        cl = Math.fma(zl, sh, cl);
        cl = Math.fma(zh, sl, cl);
        double th3 = ch * TWO_THIRDS_HI;                     // 2 s^3 / 3 = th3 + tl3
        double tl3 = Math.fma(ch, TWO_THIRDS_HI, -th3);
        tl3 = Math.fma(cl, TWO_THIRDS_HI, tl3);
        tl3 = Math.fma(ch, TWO_THIRDS_LO, tl3);
        double rest = ch * zh * series(zh);                  // s^5 (2/5 + 2 s^2/7 + ...)
        double a2 = sh + sh;                                 // log(m) = 2 atanh(s) = lmh + lml
        double lmh = a2 + th3;
        double lml = th3 - (lmh - a2);
        lml = Math.fma(sl, 2, lml);
        lml = lml + tl3;
        lml = lml + rest;
        double ed = e, eh = ed * Exponential.LN2_HI, el = ed * Exponential.LN2_LO;
        double s = eh + lmh, bb = s - eh;                    // e ln 2 + log(m): two-sum of the high parts
        double err = (eh - (s - bb)) + (lmh - bb);
        double lo = err + lml + el;
        double hi = s + lo;
        lo = lo - (hi - s);
        double special = x == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
        boolean positive = x > 0, infinite = x == Double.POSITIVE_INFINITY;
        hi = positive ? hi : special;
        lo = positive ? lo : 0;
        hi = infinite ? x : hi;
        lo = infinite ? 0 : lo;
        out[0] = hi;                                         // stored from locals: constant indices keep out in registers
        out[1] = lo;
    }

    /** (log(m) - 2s - 2s^3/3) / (s z^2) = 2/5 + 2z/7 + ... + 2z^9/23, z = s^2 <= 0.0295. */
    private static double series(double z) {
        double p = Math.fma(z, 2.0 / 23, 2.0 / 21);
        p = Math.fma(p, z, 2.0 / 19);
        p = Math.fma(p, z, 2.0 / 17);
        p = Math.fma(p, z, 2.0 / 15);
        p = Math.fma(p, z, 2.0 / 13);
        p = Math.fma(p, z, 2.0 / 11);
        p = Math.fma(p, z, 2.0 / 9);
        p = Math.fma(p, z, 2.0 / 7);
        return Math.fma(p, z, 2.0 / 5);
    }
}
