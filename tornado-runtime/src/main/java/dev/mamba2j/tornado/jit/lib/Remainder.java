package dev.mamba2j.tornado.jit.lib;

/** Java's floating % (C's fmod), exact, for targets without it. */
final class Remainder {
    static final long FRAC_MASK = 0x000FFFFFFFFFFFFFL, HIDDEN = 0x0010000000000000L;

    private Remainder() {}

    /**
     * x % y: long division of the integer significands, |x| = mx 2^ex and |y| = my 2^ey, shifting in
     * ten bits at a time (my < 2^53, so the shifted remainder stays below 2^63). The remainder, a
     * multiple of 2^ey below |y|, is representable: one exact multiply scales it back.
     */
    static double fmod(double x, double y) {
        double ax = Math.abs(x), ay = Math.abs(y);
        if (x != x || y != y || ay == 0 || ax == Double.POSITIVE_INFINITY) return Double.NaN;
        if (ax < ay) return x;                           // y infinite included
        long bx = Double.doubleToRawLongBits(ax), by = Double.doubleToRawLongBits(ay);
        long mx = significand(bx), my = significand(by);
        int ex = lsbExponent(bx), ey = lsbExponent(by);
        long r = mx % my;
        for (int d = ex - ey; d > 0; ) {
            int s = d < 10 ? d : 10;
            r = (r << s) % my;
            d -= s;
        }
        double scale = ey >= -1022 ? Double.longBitsToDouble((long) (ey + 1023) << 52) : Double.longBitsToDouble(1L << (ey + 1074));
        return Math.copySign((double) r * scale, x);
    }

    /** float %: the double remainder of the widened operands is exact, hence a float. */
    static float fmod(float x, float y) { return (float) fmod((double) x, (double) y); }

    /** The integer significand of a non-negative finite double's bits: the fraction, with the hidden bit unless subnormal. */
    private static long significand(long bits) {
        long m = bits & FRAC_MASK;
        return bits >= HIDDEN ? m | HIDDEN : m;
    }

    /** The exponent of the significand's last bit: max(biased exponent, 1) - 1075. */
    private static int lsbExponent(long bits) {
        int biased = (int) (bits >>> 52);
        return (biased > 1 ? biased : 1) - 1075;
    }
}
