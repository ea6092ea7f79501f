package dev.mamba2j.tornado.jit.lib;

/** pow in double: exp(y log|x|) with the product in double-double, then Java's signs and special cases. */
final class Power {
    private Power() {}

    static double pow(double x, double y) {
        double ax = Math.abs(x), ay = Math.abs(y);
        double[] l = new double[2];
        Logarithm.logdd(ax, l);
        double ph = y * l[0];                                // y log|x| = ph + pl
        double pl = Math.fma(y, l[0], -ph);
        pl = Math.fma(y, l[1], pl);
        pl = Math.abs(ph) < 1024 ? pl : 0;                   // beyond, exp is 0 or infinite, and pl may be huge or NaN
        double r = Exponential.exp(ph, pl);
        boolean integral = Math.rint(y) == y;                // true for infinities
        boolean odd = integral & ay < 0x1p53 & (((long) y) & 1) != 0;
        r = Double.doubleToRawLongBits(x) < 0 & odd ? -r : r; // the sign bit: -0 and -Inf too
        boolean finiteNegative = x < 0 & ax < Double.POSITIVE_INFINITY & ay < Double.POSITIVE_INFINITY;
        r = finiteNegative & !integral ? Double.NaN : r;
        r = ax == 1 & ay == Double.POSITIVE_INFINITY ? Double.NaN : r;
        r = x != x | y != y ? Double.NaN : r;
        return y == 0 ? 1 : r;                               // x^0 = 1, NaN x included
    }

    /** float pow: the double pow of the widened operands, rounded. */
    static float pow(float x, float y) { return (float) pow((double) x, (double) y); }
}
