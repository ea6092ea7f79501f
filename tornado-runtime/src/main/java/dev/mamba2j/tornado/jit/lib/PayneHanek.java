package dev.mamba2j.tornado.jit.lib;

import java.math.BigInteger;

/**
 * Payne-Hanek reduction of a finite |x| >= 2^20 by pi/2: x 2/pi modulo 4 from 192 bits of 2/pi
 * around x's exponent and 64-bit integer products. The bits of 2/pi are a table of 20 words that the
 * kernel code fills into a private array (the JIT has no constant arrays); they are computed once on
 * the host, pi by Machin's formula.
 */
final class PayneHanek {
    /** floor(2/pi 2^1152) as 64-bit words, most significant first, after a zero word: 1216 bits. */
    private static final long[] BITS = twoOverPi(20);
    static final long W1 = BITS[1], W2 = BITS[2], W3 = BITS[3], W4 = BITS[4], W5 = BITS[5], W6 = BITS[6], W7 = BITS[7],
            W8 = BITS[8], W9 = BITS[9], W10 = BITS[10], W11 = BITS[11], W12 = BITS[12], W13 = BITS[13], W14 = BITS[14],
            W15 = BITS[15], W16 = BITS[16], W17 = BITS[17], W18 = BITS[18], W19 = BITS[19];
    static final long FRAC_MASK = 0x000FFFFFFFFFFFFFL, HIDDEN = 0x0010000000000000L;
    /** pi/2 = PIO2_HI + PIO2_LO. */
    static final double PIO2_HI = Math.PI / 2, PIO2_LO = 6.123233995736766e-17;

    private PayneHanek() {}

    /**
     * x - j pi/2 = r[0] + r[1] for the nearest integer j, which is returned mod 4 (x's sign applied).
     * |x| = m 2^e: the window of 2/pi from table bit g = e + 62 on, times m, modulo 2^192, is x 2/pi
     * modulo 4 in units of 2^-190: the top two bits the quadrant, the next 128 the fraction, read as
     * signed (minus 1 from one half up), which times pi/2 in double-double is the remainder.
     */
    static int reduce(double x, double[] r) {
        long[] t = new long[20];
        t[1] = W1; t[2] = W2; t[3] = W3; t[4] = W4; t[5] = W5; t[6] = W6; t[7] = W7; t[8] = W8; t[9] = W9; t[10] = W10;
        t[11] = W11; t[12] = W12; t[13] = W13; t[14] = W14; t[15] = W15; t[16] = W16; t[17] = W17; t[18] = W18; t[19] = W19;
        long bits = Double.doubleToRawLongBits(x);
        long m = (bits & FRAC_MASK) | HIDDEN;
        int g = (int) ((bits >>> 52) & 0x7FF) - 1075 + 62, word = g >> 6, sh = g & 63;
        long w0 = window(t, word, sh), w1 = window(t, word + 1, sh), w2 = window(t, word + 2, sh);
        long r2 = m * w2;                                    // m (w0, w1, w2) modulo 2^192 = (r0, r1, r2)
        long r1 = mulHigh(m, w2), low = m * w1;
        r1 = r1 + low;
        long carry = (r1 ^ Long.MIN_VALUE) < (low ^ Long.MIN_VALUE) ? 1 : 0;
        long r0 = mulHigh(m, w1) + m * w0 + carry;
        int quadrant = (int) (r0 >>> 62);
        long fh = (r0 << 2) | (r1 >>> 62), fl = (r1 << 2) | (r2 >>> 62);
        quadrant += fh < 0 ? 1 : 0;
        double a = (double) fh;                              // the fraction as th + tl, |th| <= 1/2
        long rest = fh - (long) a;                           // exact, |rest| <= 2^10
        double b = Math.fma((double) rest, 0x1p64, (double) (fl >>> 1) * 2);
        double th = a * 0x1p-64, tl = b * 0x1p-128;
        double rh = th * PIO2_HI;                            // times pi/2, renormalised
        double rl = Math.fma(th, PIO2_HI, -rh);
        rl = Math.fma(th, PIO2_LO, rl);
        rl = Math.fma(tl, PIO2_HI, rl);
        double h = rh + rl;
        rl = rl - (h - rh);
        boolean negative = x < 0;
        double head = negative ? -h : h, tail = negative ? -rl : rl; // stored from locals: constant indices keep r in registers
        r[0] = head;
        r[1] = tail;
        return negative ? -quadrant : quadrant;
    }

    /** 64 bits of the table from word i, bit sh on. */
    private static long window(long[] t, int i, int sh) {
        return (t[i] << sh) | ((t[i + 1] >>> 1) >>> (63 - sh));
    }

    /** The high 64 bits of the unsigned 128-bit product a b, from 32-bit halves. */
    static long mulHigh(long a, long b) {
        long al = a & 0xFFFFFFFFL, ah = a >>> 32, bl = b & 0xFFFFFFFFL, bh = b >>> 32;
        long ll = al * bl, lh = al * bh, hl = ah * bl;
        long mid = (ll >>> 32) + (lh & 0xFFFFFFFFL) + (hl & 0xFFFFFFFFL);
        return ah * bh + (lh >>> 32) + (hl >>> 32) + (mid >>> 32);
    }

    private static long[] twoOverPi(int words) {
        int bits = 64 * words + 64;
        BigInteger one = BigInteger.ONE.shiftLeft(bits);
        BigInteger pi = arctanInverse(5, one).multiply(BigInteger.valueOf(16)).subtract(arctanInverse(239, one).multiply(BigInteger.valueOf(4)));
        BigInteger v = one.shiftLeft(bits + 1).divide(pi).shiftRight(bits - 64 * (words - 1));
        long[] w = new long[words];
        for (int i = words - 1; i >= 1; i--) {
            w[i] = v.longValue();
            v = v.shiftRight(64);
        }
        return w;
    }

    /** atan(1/n) scaled by one, by its Taylor series in fixed point. */
    private static BigInteger arctanInverse(int n, BigInteger one) {
        BigInteger nn = BigInteger.valueOf((long) n * n), term = one.divide(BigInteger.valueOf(n)), sum = term;
        for (int k = 1; term.signum() != 0; k++) {
            term = term.divide(nn);
            BigInteger t = term.divide(BigInteger.valueOf(2L * k + 1));
            sum = (k & 1) == 1 ? sum.subtract(t) : sum.add(t);
        }
        return sum;
    }
}
