package dev.mamba2j.tornado.jit.lib;

/**
 * sin and cos in double: x = k pi/2 + r with |r| <= pi/4 (r a double-double), then the sin or cos
 * Taylor kernel of the quadrant k mod 4, corrected for the low part of r. Below 2^20, k = rint(x 2/pi)
 * and r = x - k pi/2 with pi/2 in four parts (fdlibm's values, the first three of 33 bits, so the
 * products with k are exact); from 2^20 on, {@link PayneHanek}.
 */
final class Trigonometric {
    static final double TWO_OVER_PI = 0.6366197723675814;
    /** pi/2 in four parts (fdlibm's pio2_1, pio2_2, pio2_3, pio2_3t). */
    static final double PIO2_1 = Double.longBitsToDouble(0x3FF921FB54400000L), PIO2_2 = Double.longBitsToDouble(0x3DD0B4611A600000L),
            PIO2_3 = Double.longBitsToDouble(0x3BA3198A2E000000L), PIO2_3T = Double.longBitsToDouble(0x397B839A252049C1L);
    /** sin/cos reduce |x| from here on by Payne-Hanek; below, k < 2^20 and the four-part pi/2 is exact enough. */
    static final double LARGE_REDUCTION = 0x1p20;

    private Trigonometric() {}

    static double sin(double x) { return sinCos(x, 0); }

    static double cos(double x) { return sinCos(x, 1); }

    /** float sin: the double sin of the widened argument, rounded, which is Java's (float) Math.sin(x). */
    static float sin(float x) { return (float) sinCos(x, 0); }

    static float cos(float x) { return (float) sinCos(x, 1); }

    /** sin (q = 0) or cos (q = 1), which is sin one quadrant on. */
    static double sinCos(double x, int q) {
        double ax = Math.abs(x);
        double k = Math.rint(x * TWO_OVER_PI);
        double r1 = Math.fma(-k, PIO2_1, x);                 // exact (Sterbenz)
        double th = -k * PIO2_2;                             // exact; two-sum r1 + th = a + err
        double a = r1 + th, bv = a - r1;
        double err = (r1 - (a - bv)) + (th - bv);
        err = err - Math.fma(k, PIO2_3, k * PIO2_3T);        // the rest of k pi/2
        double rh = a + err, rl = err - (rh - a);
        int quadrant = (int) (long) k;
        if (ax < Math.PI / 4) {                              // no reduction: r = x + (-0), which keeps -0
            rh = x;
            rl = -0.0;
            quadrant = 0;
        }
        if (ax >= LARGE_REDUCTION && ax < Double.POSITIVE_INFINITY) {
            double[] r = new double[2];
            quadrant = PayneHanek.reduce(x, r);
            rh = r[0];
            rl = r[1];
        }
        quadrant = (quadrant + q) & 3;
        // the kernels on |r| <= pi/4, z = rh^2, w = 1 - z/2:
        // sin = rh + (rh z S(z) + rl w); cos = w + ((((1 - w) - z/2) + z^2 C(z)) - rh rl)
        double z = rh * rh, hz = 0.5 * z, w = 1 - hz;
        double s = rh + Math.fma(rh * z, sinSeries(z), rl * w);
        s = Math.abs(rh) < 0x1p-26 ? rh + rl : s;           // sin r = r there
        double c = (1 - w) - hz;
        c = Math.fma(z * z, cosSeries(z), c);
        c = Math.fma(-rh, rl, c);
        c = w + c;
        double v = (quadrant & 1) != 0 ? c : s;
        return (quadrant & 2) != 0 ? -v : v;
    }

    /** S(z) = -1/3! + z/5! - ... + z^8/19!: sin(r) = r + r z S(z). */
    private static double sinSeries(double z) {
        double p = Math.fma(z, -1 / 121645100408832000.0, 1 / 355687428096000.0);
        p = Math.fma(p, z, -1 / 1307674368000.0);
        p = Math.fma(p, z, 1 / 6227020800.0);
        p = Math.fma(p, z, -1 / 39916800.0);
        p = Math.fma(p, z, 1 / 362880.0);
        p = Math.fma(p, z, -1 / 5040.0);
        p = Math.fma(p, z, 1 / 120.0);
        return Math.fma(p, z, -1 / 6.0);
    }

    /** C(z) = 1/4! - z/6! + ... + z^8/20!: cos(r) = 1 - z/2 + z^2 C(z). */
    private static double cosSeries(double z) {
        double p = Math.fma(z, 1 / 2432902008176640000.0, -1 / 6402373705728000.0);
        p = Math.fma(p, z, 1 / 20922789888000.0);
        p = Math.fma(p, z, -1 / 87178291200.0);
        p = Math.fma(p, z, 1 / 479001600.0);
        p = Math.fma(p, z, -1 / 3628800.0);
        p = Math.fma(p, z, 1 / 40320.0);
        p = Math.fma(p, z, -1 / 720.0);
        return Math.fma(p, z, 1 / 24.0);
    }
}
