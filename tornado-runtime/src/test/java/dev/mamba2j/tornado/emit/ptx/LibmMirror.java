package dev.mamba2j.tornado.emit.ptx;

import static dev.mamba2j.tornado.emit.ptx.PtxLibm.*;

/**
 * The algorithms of {@link PtxLibm} in plain Java, one statement per PTX instruction (or per short
 * group of them), with the same constants: tested against java.lang.Math here, so that the PTX is
 * a transcription of verified code. {@code Math.fma} stands for {@code fma.rn.f64}, {@code Math.rint}
 * for {@code cvt.rni}, a cast for {@code cvt.rzi}.
 */
final class LibmMirror {
    private LibmMirror() {}

    /** j_fmodd: exact remainder by long division on the integer significands, in chunks. */
    static double fmod(double x, double y) {
        double ax = Math.abs(x), ay = Math.abs(y);
        if (Double.isNaN(x) || Double.isNaN(y) || ay == 0 || ax == Double.POSITIVE_INFINITY) return Double.NaN;
        if (ax < ay) return x;
        long bx = Double.doubleToRawLongBits(ax), by = Double.doubleToRawLongBits(ay);
        long ex = bx >>> 52, ey = by >>> 52;
        long mx = bx & FRAC_MASK, my = by & FRAC_MASK;
        if (ex != 0) mx |= HIDDEN;
        if (ey != 0) my |= HIDDEN;
        ex = Math.max(ex, 1) - 1075;                     // |x| = mx * 2^ex
        ey = Math.max(ey, 1) - 1075;
        long d = ex - ey;                                // >= 0 since |x| >= |y|
        long r = Long.remainderUnsigned(mx, my);
        int room = Long.numberOfLeadingZeros(my);        // r < my, so r << room cannot overflow
        while (d > 0) {
            long s = Math.min(d, room);
            r = Long.remainderUnsigned(r << s, my);
            d -= s;
        }
        double scale = Double.longBitsToDouble(ey >= -1022 ? (ey + 1023) << 52 : 1L << (ey + 1074));
        return Math.copySign((double) r * scale, x);    // exact: the remainder is representable
    }

    /** j_fmodf: the double remainder of the widened operands is exact, hence a float. */
    static float fmod(float x, float y) { return (float) fmod((double) x, (double) y); }

    /** j_exp2d: exp(hi + lo) for |lo| far below ulp(hi)'s neighbourhood; NaN passes through. */
    static double exp(double hi, double lo) {
        if (Double.isNaN(hi)) return hi;
        double xc = Math.min(Math.max(hi, -746), 710);
        double k = Math.rint(xc * LOG2E);
        double r = Math.fma(-k, LN2_HI, xc);
        r = Math.fma(-k, LN2_LO, r);
        r = r + lo;
        double p = horner(EXP_POLY, r);
        int ki = (int) k, k1 = ki >> 1, k2 = ki - k1;
        p = p * Double.longBitsToDouble((long) (k1 + 1023) << 52);
        return p * Double.longBitsToDouble((long) (k2 + 1023) << 52);
    }

    static double exp(double x) { return exp(x, 0); }

    /** j_logdd: log(x) as hi + lo with about 2^-60 relative error; specials in hi, lo = 0 there. */
    static double[] logdd(double x) {
        boolean sub = x < 0x1p-1022;
        double xs = sub ? x * 0x1p54 : x;
        long bits = Double.doubleToRawLongBits(xs);
        int e = (int) (bits >>> 52) - 1023 - (sub ? 54 : 0);
        long mant = bits & FRAC_MASK;
        boolean big = mant >= SQRT2_FRAC;                // m in [sqrt(1/2), sqrt(2))
        double m = Double.longBitsToDouble(mant | (big ? 0x3FE0000000000000L : 0x3FF0000000000000L));
        if (big) e++;
        double f = m - 1;                                // exact
        double th = f + 2, tl = f - (th - 2);            // 2 + f = th + tl exactly
        double sh = f / th;                              // s = f / (2 + f) = sh + sl
        double e1 = Math.fma(-sh, th, f);
        e1 = Math.fma(-sh, tl, e1);
        double sl = e1 / th;
        double zh = sh * sh;                             // s^2 = zh + zl
        double zl = Math.fma(sh, sh, -zh);
        zl = Math.fma(sh + sh, sl, zl);
        double ch = zh * sh;                             // s^3 = ch + cl
        double cl = Math.fma(zh, sh, -ch);
        cl = Math.fma(zl, sh, cl);
        cl = Math.fma(zh, sl, cl);
        double th3 = ch * TWO_THIRDS_HI;                 // 2 s^3 / 3 = th3 + tl3
        double tl3 = Math.fma(ch, TWO_THIRDS_HI, -th3);
        tl3 = Math.fma(cl, TWO_THIRDS_HI, tl3);
        tl3 = Math.fma(ch, TWO_THIRDS_LO, tl3);
        double rest = ch * zh * horner(LOG_POLY, zh);    // s^5 (2/5 + 2 s^2/7 + ...)
        double a2 = sh + sh;                             // log(m) = 2 atanh(s) = lmh + lml
        double lmh = a2 + th3;
        double lml = th3 - (lmh - a2);
        lml = Math.fma(sl, 2, lml);
        lml = lml + tl3;
        lml = lml + rest;
        double ed = e, eh = ed * LN2_HI, el = ed * LN2_LO;
        double s = eh + lmh, bb = s - eh, err = (eh - (s - bb)) + (lmh - bb);
        double lo = err + lml + el;
        double hi = s + lo;
        lo = lo - (hi - s);
        if (!(x > 0)) return new double[] {x == 0 ? Double.NEGATIVE_INFINITY : Double.NaN, 0};
        if (x == Double.POSITIVE_INFINITY) return new double[] {x, 0};
        return new double[] {hi, lo};
    }

    static double log(double x) { return logdd(x)[0]; }

    /** j_powd: exp(y log|x|) in double-double, then Java's sign and special-case rules. */
    static double pow(double x, double y) {
        double ax = Math.abs(x);
        double[] l = logdd(ax);
        double ph = y * l[0];
        double pl = Math.fma(y, l[0], -ph);
        pl = Math.fma(y, l[1], pl);
        if (!(Math.abs(ph) < 1024)) pl = 0;
        double r = exp(ph, pl);
        double ay = Math.abs(y);
        boolean isInt = truncate(y) == y;               // cvt.rzi.f64.f64; true for infinities
        boolean odd = isInt && ay < 0x1p53 && (((long) y) & 1) != 0;
        if (Double.doubleToRawLongBits(x) < 0 && odd) r = -r;
        if (x < 0 && ax < Double.POSITIVE_INFINITY && ay < Double.POSITIVE_INFINITY && !isInt) r = Double.NaN;
        if (ax == 1 && ay == Double.POSITIVE_INFINITY) r = Double.NaN;
        if (Double.isNaN(x) || Double.isNaN(y)) r = Double.NaN;
        if (y == 0) r = 1;
        return r;
    }

    private static double truncate(double v) { return v < 0 ? Math.ceil(v) : Math.floor(v); }

    static float pow(float x, float y) { return (float) pow((double) x, (double) y); }

    /** j_tanhd: x + x^3 P(x^2) (Taylor) below 0.55, em / (em + 2) above with em = expm1(2|x|). */
    static double tanh(double x) {
        double ax = Math.abs(x), z = x * x;
        double small = Math.fma(x * z, horner(TANH_POLY, z), x);
        if (ax < 0x1p-27) small = x;
        double t = ax + ax;
        t = t < TANH_EXP_LIMIT ? t : TANH_EXP_LIMIT;    // min.f64 gives the number for NaN
        double k = Math.rint(t * LOG2E);
        double r = Math.fma(-k, LN2_HI, t);
        r = Math.fma(-k, LN2_LO, r);
        double q = r * horner(EXPM1_POLY, r);
        double scale = Double.longBitsToDouble((long) ((int) k + 1023) << 52);
        double em = Math.fma(scale, q, scale - 1);
        double big = Math.copySign(em / (em + 2), x);
        double v = ax < TANH_SERIES_LIMIT ? small : big;
        return Double.isNaN(x) ? x : v;
    }

    static double sin(double x) { return sinCos(x, 0); }

    static double cos(double x) { return sinCos(x, 1); }

    /** j_sincosd: k = rint(x 2/pi), r = x - k pi/2 = rh + rl, quadrant k + q of the kernels. */
    static double sinCos(double x, int q) {
        double ax = Math.abs(x);
        double k = Math.rint(x * TWO_OVER_PI);
        double r1 = Math.fma(-k, PIO2_1, x);             // exact
        double th = -k * PIO2_2;                         // exact; two-sum r1 + th = a + err
        double a = r1 + th, bv = a - r1;
        double err = (r1 - (a - bv)) + (th - bv);
        double tl = Math.fma(k, PIO2_3, k * PIO2_3T);
        err = err - tl;
        double rh = a + err, rl = err - (rh - a);
        if (ax < Math.PI / 4) { rh = x; rl = -0.0; k = 0; }
        int quadrant = (int) (long) k;
        if (ax >= LARGE_REDUCTION && ax < Double.POSITIVE_INFINITY) {
            double[] big = largeReduction(x);
            rh = big[0];
            rl = big[1];
            quadrant = (int) big[2];
        }
        quadrant = (quadrant + q) & 3;
        double z = rh * rh, hz = 0.5 * z, w = 1 - hz;
        double s = rh + Math.fma(rh * z, horner(SIN_POLY, z), rl * w);
        if (Math.abs(rh) < 0x1p-26) s = rh + rl;
        double c = (1 - w) - hz;
        c = Math.fma(z * z, horner(COS_POLY, z), c);
        c = Math.fma(-rh, rl, c);
        c = w + c;
        double v = (quadrant & 1) != 0 ? c : s;
        return (quadrant & 2) != 0 ? -v : v;
    }

    /**
     * Payne-Hanek: |x| = m 2^e; the 192 bits of 2/pi from bit e - 1 on (table word bit g = e + 62)
     * times m, modulo 2^192, are x 2/pi modulo 4 in units of 2^-190: the top two bits the quadrant,
     * the next 128 the fraction, rounded to [-1/2, 1/2) and multiplied by pi/2 in double-double.
     * Returns {rh, rl, quadrant} for x (the sign applied).
     */
    static double[] largeReduction(double x) {
        long bits = Double.doubleToRawLongBits(x);
        long m = (bits & FRAC_MASK) | HIDDEN;
        int e = (int) ((bits >>> 52) & 0x7FF) - 1075;
        int g = e + 62, word = g >> 6, sh = g & 63;
        long w0 = window(word, sh), w1 = window(word + 1, sh), w2 = window(word + 2, sh);
        long r2 = m * w2;
        long r1 = Math.unsignedMultiplyHigh(m, w2);
        long t = m * w1;
        r1 = r1 + t;
        long carry = Long.compareUnsigned(r1, t) < 0 ? 1 : 0;
        long r0 = Math.unsignedMultiplyHigh(m, w1) + m * w0 + carry;
        int quadrant = (int) (r0 >>> 62);
        long fh = (r0 << 2) | (r1 >>> 62), fl = (r1 << 2) | (r2 >>> 62);  // fraction, 128 bits
        if (fh < 0) quadrant++;                          // fraction >= 1/2: read as signed, i.e. minus 1
        double a = (double) fh;                          // cvt.rn.f64.s64
        long rem = fh - (long) a;                        // exact, |rem| <= 2^10
        double b = Math.fma((double) rem, 0x1p64, unsignedToDouble(fl));
        double th = a * 0x1p-64, tl = b * 0x1p-128;      // the fraction = th + tl, |th| <= 1/2
        double rh = th * PIO2_HI;                        // times pi/2 = PIO2_HI + PIO2_LO
        double rl = Math.fma(th, PIO2_HI, -rh);
        rl = Math.fma(th, PIO2_LO, rl);
        rl = Math.fma(tl, PIO2_HI, rl);
        double h = rh + rl;
        rl = rl - (h - rh);
        if (x < 0) return new double[] {-h, -rl, -quadrant};
        return new double[] {h, rl, quadrant};
    }

    /** 64 bits of the table from word i, bit sh on (as the PTX's shf.l.wrap... by two shifts and an or). */
    private static long window(int i, int sh) {
        long hi = TWO_OVER_PI_BITS[i], lo = TWO_OVER_PI_BITS[i + 1];
        return sh == 0 ? hi : (hi << sh) | (lo >>> (64 - sh));
    }

    /** cvt.rn.f64.u64. */
    private static double unsignedToDouble(long v) {
        return new java.math.BigDecimal(Long.toUnsignedString(v)).doubleValue();
    }

    /** c[0] + z (c[1] + z (c[2] + ...)) with fma, as the PTX evaluates it. */
    static double horner(double[] c, double z) {
        double p = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) p = Math.fma(p, z, c[i]);
        return p;
    }
}
