package dev.mamba2j.tornado.jit.lib;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The device math library, run on the host as the plain Java it is, against java.lang.StrictMath and
 * Math: % exactly, the rest within the ulps stated here (double ulps; the conformance suite checks the
 * device code against its float bounds). The float fast paths run here on exact exp2/log2 (Approx's
 * host versions), which checks their algorithms; the hardware's approximations add their own error.
 */
class MathLibraryTest {
    private static final int N = 400_000;

    @Test
    void floatAndDoubleRemainderAreExact() {
        Random rnd = new Random(11);
        double[] edges = {0, -0.0, 1, -1, 0.5, 3, -7.25, 1e300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE, 0x1p-1022,
                0x0.fffffffffffffp-1022, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Math.PI};
        for (double x : edges) for (double y : edges) sameDouble("fmod(" + x + ", " + y + ")", x % y, Remainder.fmod(x, y));
        for (int i = 0; i < N; i++) {
            double x = randomDouble(rnd), y = i % 2 == 0 ? randomDouble(rnd) : x * rnd.nextDouble() * 1e-3;
            sameDouble("fmod(" + x + ", " + y + ")", x % y, Remainder.fmod(x, y));
            float a = Float.intBitsToFloat(rnd.nextInt()), b = i % 3 == 0 ? Float.intBitsToFloat(rnd.nextInt()) : (rnd.nextFloat() - 0.5f) * 10;
            float e = a % b, g = Remainder.fmod(a, b);
            if (Float.floatToRawIntBits(e) != Float.floatToRawIntBits(g) && !(Float.isNaN(e) && Float.isNaN(g)))
                fail("fmodf(" + a + ", " + b + "): expected " + e + " but was " + g);
        }
    }

    @Test
    void expWithinOneUlp() {
        Random rnd = new Random(12);
        double worst = unary("exp", StrictMath::exp, Exponential::exp, 1, new double[] {0, -0.0, 1, -1, 709.78, 709.79, -745.1, -745.2,
                -708.4, -710, 1e-300, 800, -800, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
                () -> (rnd.nextDouble() - 0.5) * (rnd.nextBoolean() ? 1490 : 4));
        System.out.println("exp: worst " + worst + " ulp");
    }

    @Test
    void logWithinOneUlp() {
        Random rnd = new Random(13);
        double worst = unary("log", StrictMath::log, Logarithm::log, 1, new double[] {0, -0.0, 1, -1, Double.MIN_VALUE, 0x1p-1022,
                Double.MAX_VALUE, Math.nextUp(1.0), Math.nextDown(1.0), Math.sqrt(2), Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY}, () -> rnd.nextInt(3) == 0 ? 1 + (rnd.nextDouble() - 0.5) * 1e-3 : Math.abs(randomDouble(rnd)));
        System.out.println("log: worst " + worst + " ulp");
    }

    /**
     * tanh against Math.tanh (StrictMath's fdlibm tanh is itself up to 2 ulps off, which Java's
     * 2.5-ulp specification allows), and against the exact value (BigDecimal) on a sample: within 1.5 ulps.
     */
    @Test
    void tanhWithinTwoUlpsOfJavaAndOneAndAHalfOfTheExactValue() {
        Random rnd = new Random(14);
        double worst = unary("tanh", Math::tanh, Exponential::tanh, 2, new double[] {0, -0.0, 0.55, -0.55, Math.nextDown(0.55), 20, -20,
                40, 1e-300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
                () -> (rnd.nextDouble() - 0.5) * (rnd.nextBoolean() ? 3 : 40), 2_000_000);
        java.math.MathContext mc = new java.math.MathContext(40);
        double worstExact = 0;
        for (int i = 0; i < 3000; i++) {
            double x = (rnd.nextDouble() - 0.5) * (i % 2 == 0 ? 2.4 : 16);
            java.math.BigDecimal e = expExact(new java.math.BigDecimal(2 * x), mc);
            double exact = e.subtract(java.math.BigDecimal.ONE).divide(e.add(java.math.BigDecimal.ONE), mc).doubleValue();
            double u = Math.abs(new java.math.BigDecimal(Exponential.tanh(x)).subtract(e.subtract(java.math.BigDecimal.ONE)
                    .divide(e.add(java.math.BigDecimal.ONE), mc)).doubleValue()) / Math.ulp(exact);
            worstExact = Math.max(worstExact, u);
        }
        System.out.println("tanh: worst " + worst + " ulp from Math.tanh, " + worstExact + " ulp from the exact value");
        assertTrue(worstExact <= 1.5, "tanh: " + worstExact + " ulp from the exact value");
    }

    private static java.math.BigDecimal expExact(java.math.BigDecimal x, java.math.MathContext mc) {
        java.math.BigDecimal sum = java.math.BigDecimal.ONE, term = java.math.BigDecimal.ONE;
        for (int n = 1; term.abs().compareTo(new java.math.BigDecimal("1e-45")) > 0 || n < 5; n++) {
            term = term.multiply(x, mc).divide(java.math.BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
        }
        return sum;
    }

    @Test
    void sinAndCosWithinOneUlpBelowAMillion() {
        Random rnd = new Random(15);
        double[] edges = {0, -0.0, 1e-300, Math.PI / 4, Math.PI / 2, Math.PI, 3 * Math.PI / 2, 1e6, -1e6, 355, 103993,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        java.util.function.DoubleSupplier arg = () -> (rnd.nextDouble() - 0.5) * switch (rnd.nextInt(3)) {
            case 0 -> 8;
            case 1 -> 200;
            default -> 2e6;
        };
        double ws = unary("sin", StrictMath::sin, Trigonometric::sin, 1, edges, arg);
        double wc = unary("cos", StrictMath::cos, Trigonometric::cos, 1, edges, arg);
        System.out.println("sin: worst " + ws + " ulp, cos: worst " + wc + " ulp");
    }

    @Test
    void powWithinTwoUlpsAndJavasSpecialCases() {
        double[] edges = {0, -0.0, 1, -1, 2, -2, 0.5, -0.5, 3, -3, 1e300, -1e-300, Double.MIN_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0x1p53, 0x1p53 + 2, 9007199254740991.0, -9007199254740991.0, 2.5, -1.5};
        for (double x : edges)
            for (double y : edges) {
                double e = StrictMath.pow(x, y), g = Power.pow(x, y);
                if (!(Double.isNaN(e) && Double.isNaN(g)) && ulps(e, g) > 2 || Double.isNaN(e) != Double.isNaN(g)
                        || (e == 0 || Double.isInfinite(e)) && Double.doubleToRawLongBits(e) != Double.doubleToRawLongBits(g))
                    fail("pow(" + x + ", " + y + "): expected " + e + " but was " + g);
            }
        Random rnd = new Random(16);
        double worst = 0;
        for (int i = 0; i < N; i++) {
            double x = switch (i % 4) {
                case 0 -> Math.abs(randomDouble(rnd));
                case 1 -> rnd.nextDouble() * 4;
                case 2 -> 1 + (rnd.nextDouble() - 0.5) * 1e-6;
                default -> -Math.floor(rnd.nextDouble() * 20);
            };
            double y = i % 4 == 3 ? Math.floor((rnd.nextDouble() - 0.5) * 400) : (rnd.nextDouble() - 0.5) * (i % 8 < 4 ? 20 : 2e4);
            double e = StrictMath.pow(x, y), g = Power.pow(x, y);
            double u = Double.isNaN(e) && Double.isNaN(g) ? 0 : ulps(e, g);
            worst = Math.max(worst, u);
            if (u > 2) fail("pow(" + x + ", " + y + "): expected " + e + " but was " + g + " (" + u + " ulp)");
        }
        System.out.println("pow: worst " + worst + " ulp");
    }

    @Test
    void sinAndCosOfLargeArgumentsWithinOneUlp() {
        Random rnd = new Random(19);
        double[] edges = {0x1p20, -0x1p20, Math.nextDown(0x1p20), 1e22, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE, 0x1p52, 0x1p53 + 2,
                6381956970095103.0 * 0x1p797, 5.319372648326541e255};
        java.util.function.DoubleSupplier arg = () -> Math.scalb(1 + rnd.nextDouble(), 20 + rnd.nextInt(1004)) * (rnd.nextBoolean() ? 1 : -1);
        double ws = unary("sin", StrictMath::sin, Trigonometric::sin, 1, edges, arg);
        double wc = unary("cos", StrictMath::cos, Trigonometric::cos, 1, edges, arg);
        System.out.println("sin, |x| >= 2^20: worst " + ws + " ulp, cos: worst " + wc + " ulp");
        assertEquals(0xA2F9836E4E441529L, PayneHanek.W1);
    }

    @Test
    void floatSinAndCosThroughDoubleAreJavas() {
        Random rnd = new Random(18);
        for (int i = 0; i < N; i++) {
            float x = (rnd.nextFloat() - 0.5f) * (i % 3 == 0 ? 20f : i % 3 == 1 ? 2e6f : 1e38f);
            float es = (float) StrictMath.sin(x), gs = (float) Trigonometric.sin((double) x), ec = (float) StrictMath.cos(x), gc = (float) Trigonometric.cos((double) x);
            if (Math.abs(Float.floatToRawIntBits(es) - (long) Float.floatToRawIntBits(gs)) > 1
                    || Math.abs(Float.floatToRawIntBits(ec) - (long) Float.floatToRawIntBits(gc)) > 1)
                fail("sin/cos(" + x + "): expected " + es + ", " + ec + " but was " + gs + ", " + gc);
        }
    }

    @Test
    void floatPowWithinOneUlp() {
        Random rnd = new Random(17);
        for (int i = 0; i < N; i++) {
            float x = i % 2 == 0 ? Float.intBitsToFloat(rnd.nextInt()) : (rnd.nextFloat() - 0.3f) * 40f;
            float y = i % 3 == 0 ? Float.intBitsToFloat(rnd.nextInt()) : (rnd.nextFloat() - 0.5f) * 10f;
            float e = (float) Math.pow(x, y), g = Power.pow(x, y);
            if (Float.isNaN(e) != Float.isNaN(g) || !Float.isNaN(e) && Math.abs(Float.floatToRawIntBits(e) - (long) Float.floatToRawIntBits(g)) > 1)
                fail("powf(" + x + ", " + y + "): expected " + e + " but was " + g);
        }
    }

    /** Checks the edges, then N random arguments; returns the worst distance in ulps. NaN must match NaN, zeros their sign. */
    private static double unary(String name, DoubleUnaryOperator java, DoubleUnaryOperator mirror, double allowed, double[] edges,
                                java.util.function.DoubleSupplier args) {
        return unary(name, java, mirror, allowed, edges, args, N);
    }

    private static double unary(String name, DoubleUnaryOperator java, DoubleUnaryOperator mirror, double allowed, double[] edges,
                                java.util.function.DoubleSupplier args, int count) {
        double worst = 0;
        for (int i = 0; i < edges.length + count; i++) {
            double x = i < edges.length ? edges[i] : args.getAsDouble();
            double e = java.applyAsDouble(x), g = mirror.applyAsDouble(x);
            if (Double.isNaN(e) || Double.isNaN(g) || e == 0 || Double.isInfinite(e)) {
                if (Double.doubleToRawLongBits(e) != Double.doubleToRawLongBits(g) && !(Double.isNaN(e) && Double.isNaN(g)))
                    fail(name + "(" + x + "): expected " + e + " but was " + g);
                continue;
            }
            double u = ulps(e, g);
            worst = Math.max(worst, u);
            if (u > allowed) fail(name + "(" + x + "): expected " + e + " but was " + g + " (" + u + " ulp)");
        }
        return worst;
    }

    /** |expected - actual| in units of the last place of expected. */
    static double ulps(double expected, double actual) {
        if (expected == actual) return 0;
        return Math.abs(expected - actual) / Math.ulp(expected);
    }

    private static double randomDouble(Random rnd) {
        double v;
        do v = Double.longBitsToDouble(rnd.nextLong()); while (Double.isNaN(v) || Double.isInfinite(v));
        return v;
    }

    private static void sameDouble(String what, double expected, double actual) {
        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual) && !(Double.isNaN(expected) && Double.isNaN(actual)))
            fail(what + ": expected " + expected + " but was " + actual);
    }

    @Test
    void coefficientsAreTheSeries() {
        assertEquals(-1.0 / 3, TanhSeries.C1, 1e-16);
        assertEquals(2.0 / 15, TanhSeries.C2, 1e-16);
        assertEquals(-17.0 / 315, TanhSeries.C3, 1e-16);
        assertEquals(1.0 / 720, Exponential.F6, 0);
    }

    /** The float fast paths within the conformance suite's bounds (exp, log 4 ulps, tanh 6), NaN, zeros and infinities exactly. */
    @Test
    void floatFastPathsWithinTheConformanceBounds() {
        Random rnd = new Random(20);
        float[] edges = {0f, -0f, 1f, -1f, 0.5f, 2f, Math.nextDown(0.5f), Math.nextUp(2f), 0.55f, -0.55f, 88.7f, 89f, -87f, -103f, -104f,
                -150f, 1e-30f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -3f};
        long[] worst = new long[3];
        for (int i = 0; i < edges.length + N; i++) {
            float x = i < edges.length ? edges[i] : switch (i % 4) {
                case 0 -> (rnd.nextFloat() - 0.5f) * 200f;
                case 1 -> (rnd.nextFloat() - 0.5f) * 4f;
                case 2 -> 0.25f + rnd.nextFloat() * 4f;
                default -> Float.intBitsToFloat(rnd.nextInt() & 0x7fffffff);
            };
            float[] expected = {(float) StrictMath.exp(x), (float) StrictMath.log(x), (float) StrictMath.tanh(x)};
            float[] actual = {FastFloat.exp(x), FastFloat.log(x), FastFloat.tanh(x)};
            int[] allowed = {4, 4, 6};
            for (int k = 0; k < 3; k++) {
                float e = expected[k], g = actual[k];
                if (Float.isNaN(e) || e == 0 || Float.isInfinite(e)) {
                    if (Float.floatToRawIntBits(e) != Float.floatToRawIntBits(g) && !(Float.isNaN(e) && Float.isNaN(g)))
                        fail(k + ": f(" + x + ") expected " + e + " but was " + g);
                    continue;
                }
                long u = Math.abs((long) Float.floatToRawIntBits(e) - Float.floatToRawIntBits(g));
                if (Math.signum(e) != Math.signum(g)) u = Long.MAX_VALUE;
                worst[k] = Math.max(worst[k], u);
                if (u > allowed[k]) fail(new String[] {"exp", "log", "tanh"}[k] + "(" + x + "): expected " + e + " but was " + g);
            }
        }
        System.out.println("float exp, log, tanh on exact exp2/log2: worst " + worst[0] + ", " + worst[1] + ", " + worst[2] + " ulp");
    }

    @Test
    void floatFunctionsWithoutApproximationsAreTheDoubleOnesRounded() {
        Random rnd = new Random(21);
        for (int i = 0; i < 10_000; i++) {
            float x = (rnd.nextFloat() - 0.3f) * 40f;
            assertEquals((float) Exponential.exp((double) x), Exponential.exp(x));
            assertEquals((float) Logarithm.log((double) x), Logarithm.log(x));
            assertEquals((float) Exponential.tanh((double) x), Exponential.tanh(x));
        }
    }

    @Test
    void highProductOfUnsignedWords() {
        Random rnd = new Random(22);
        for (int i = 0; i < 100_000; i++) {
            long a = rnd.nextLong(), b = rnd.nextLong();
            assertEquals(Math.unsignedMultiplyHigh(a, b), PayneHanek.mulHigh(a, b));
        }
    }
}
