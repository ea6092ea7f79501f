package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.HalfArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.conformance.Conformance.grid1D;
import static dev.mamba2j.tornado.conformance.Conformance.runOnce;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Element-wise arithmetic, casts, Math functions and 16-bit float conversions against plain Java.
 * Integers and + - * / % must match exactly (Java forbids fused contraction; division is correctly rounded
 * on every target, {@link DivisionConformanceTest}), Math functions within the ulps of {@link #MATH_ULPS}.
 */
class ElementwiseConformanceTest {
    static final String DEVICES = "dev.mamba2j.tornado.conformance.ConformanceDevices#devices";
    /** exp, log, sqrt, tanh, pow, abs, min, max, fma, exp(-|y|) computed in double and rounded to float. */
    static final int[] MATH_ULPS = {4, 4, 3, 6, 16, 0, 0, 0, 0, 4};

    private static final int[] EDGE_INTS = {0, 1, -1, 2, 31, 32, 33, 63, -33, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7fff0000, -123456789, 987654321};

    @ParameterizedTest @MethodSource(DEVICES)
    void intArithmeticWrapsAndMasksShiftsAsJava(String device) {
        int n = 300;
        Random rnd = new Random(1);
        int[] x = new int[n], y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < EDGE_INTS.length ? EDGE_INTS[i] : rnd.nextInt();
            y[i] = EDGE_INTS[(i * 7 + 3) % EDGE_INTS.length];
            if (i % 3 == 0) y[i] = rnd.nextInt();
            if (y[i] == 0 || (x[i] == Integer.MIN_VALUE && y[i] == -1)) y[i] = 7;
        }
        IntArray a = IntArray.fromArray(x), b = IntArray.fromArray(y), out = new IntArray(n * ConformanceKernels.INT_OPS);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::intOps, new KernelContext(), a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        int[] expected = new int[out.getSize()];
        for (int i = 0; i < n; i++) {
            int p = x[i], q = y[i], o = i * ConformanceKernels.INT_OPS;
            int[] e = {p + q, p - q, p * q, p / q, p % q, p << q, p >> q, p >>> q, (p & q) | (~p ^ q), Math.min(p, q) - Math.max(p, q), Math.abs(p), -p};
            System.arraycopy(e, 0, expected, o, e.length);
        }
        Check.ints("intOps", expected, out);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void absOfEdgeValuesFeedsFurtherArithmeticAsJava(String device) {
        int n = EDGE_INTS.length * EDGE_INTS.length;
        int[] x = new int[n], y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = EDGE_INTS[i % EDGE_INTS.length];
            y[i] = EDGE_INTS[i / EDGE_INTS.length];
        }
        IntArray a = IntArray.fromArray(x), b = IntArray.fromArray(y), out = new IntArray(n * ConformanceKernels.ABS_OPS);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::absFeedsArithmetic, new KernelContext(), a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        int[] expected = new int[out.getSize()];
        for (int i = 0; i < n; i++) {
            int p = x[i], q = y[i], o = i * ConformanceKernels.ABS_OPS;
            long l = ((long) p << 32) | (q & 0xffffffffL);
            long d = Math.min(Math.abs(l), l - l) / (Math.max(Math.abs(l), l << l) | 1L);
            int[] e = {(int) d, (int) (d >>> 32), (p * ~q) >> (Math.abs(p) % ((p + q) | 1)), Math.max(Math.abs(p), q) - Math.min(Math.abs(q), p)};
            System.arraycopy(e, 0, expected, o, e.length);
        }
        Check.ints("absFeedsArithmetic", expected, out);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void longArithmeticAsJava(String device) {
        int n = 300;
        Random rnd = new Random(2);
        int[] x = new int[n], y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < EDGE_INTS.length ? EDGE_INTS[i] : rnd.nextInt();
            y[i] = i < EDGE_INTS.length ? EDGE_INTS[EDGE_INTS.length - 1 - i] : rnd.nextInt();
        }
        long[] expected = new long[n * ConformanceKernels.LONG_OPS];
        for (int i = 0; i < n; i++) {
            long p = ((long) x[i] << 32) | (y[i] & 0xffffffffL);
            long q = (long) y[i] * 2654435761L + x[i];
            if ((q | 1L) == -1L) throw new AssertionError("test data would divide Long.MIN_VALUE by -1");
            long[] e = {p + q, p * q, p / (q | 1L), p % (q | 1L), (p << (q & 127)) ^ (p >>> q) ^ (p >> 7), Math.max(p, q) - Math.min(p, q) + Math.abs(p)};
            System.arraycopy(e, 0, expected, i * e.length, e.length);
        }
        IntArray a = IntArray.fromArray(x), b = IntArray.fromArray(y), out = new IntArray(n * ConformanceKernels.LONG_OPS * 2);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::longOps, new KernelContext(), a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        int[] pairs = new int[expected.length * 2];
        for (int i = 0; i < expected.length; i++) {
            pairs[2 * i] = (int) expected[i];
            pairs[2 * i + 1] = (int) (expected[i] >>> 32);
        }
        Check.ints("longOps (low, high)", pairs, out);
    }

    private static final float[] EDGE_FLOATS = {0f, -0f, 1f, -1f, 0.1f, -2.5f, 3.5f, 1e30f, -1e30f, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, 16777217f, 1e-20f};

    @ParameterizedTest @MethodSource(DEVICES)
    void floatArithmeticWithDivisionByZeroAsJava(String device) {
        int n = 400;
        Random rnd = new Random(3);
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < EDGE_FLOATS.length * EDGE_FLOATS.length ? EDGE_FLOATS[i % EDGE_FLOATS.length] : (rnd.nextFloat() - 0.5f) * 2000f;
            y[i] = i < EDGE_FLOATS.length * EDGE_FLOATS.length ? EDGE_FLOATS[i / EDGE_FLOATS.length] : (rnd.nextFloat() - 0.5f) * 20f;
        }
        FloatArray a = FloatArray.fromArray(x), b = FloatArray.fromArray(y), out = new FloatArray(n * ConformanceKernels.FLOAT_OPS);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::floatOps, new KernelContext(), a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        int[] ulps = {0, 0, 0, 0, 0};
        boolean mayFlush = mayFlushSubnormals(device);
        for (int i = 0; i < n; i++) {
            float p = x[i], q = y[i];
            float[] e = {p + q, p - q, p * q, p / q, p % q};
            for (int j = 0; j < e.length; j++) {
                float actual = out.get(i * e.length + j);
                if (mayFlush && flushed(e[j], actual)) continue;
                Check.floatAt("floatOps[" + j + "](" + p + ", " + q + ")", e[j], actual, ulps[j]);
            }
        }
    }

    /**
     * Vulkan makes fp32 subnormals optional: a device that does not grant DenormPreserve (lavapipe) may
     * flush them, one that grants it is asked to keep them and is held to Java's values.
     */
    static boolean mayFlushSubnormals(String device) {
        return dev.mamba2j.tornado.runtime.DeviceRegistry.get(device) instanceof dev.mamba2j.tornado.driver.vulkan.VulkanDevice v
                && !v.floatControls().denorm32();
    }

    private static float[] withoutSubnormals(float[] values) {
        int n = 0;
        float[] kept = new float[values.length];
        for (float v : values) if (v == 0 || !(Math.abs(v) < Float.MIN_NORMAL)) kept[n++] = v;
        return java.util.Arrays.copyOf(kept, n);
    }

    /** A subnormal expected and a zero of its sign seen. */
    private static boolean flushed(float expected, float actual) {
        return Math.abs(expected) < Float.MIN_NORMAL && actual == 0 && Math.copySign(1f, actual) == Math.copySign(1f, expected);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void doubleArithmeticAsJava(String device) {
        int n = 300;
        Random rnd = new Random(9);
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < EDGE_FLOATS.length ? EDGE_FLOATS[i] : (rnd.nextFloat() - 0.5f) * 2000f;
            y[i] = i < EDGE_FLOATS.length ? EDGE_FLOATS[(i + 3) % EDGE_FLOATS.length] : (rnd.nextFloat() - 0.5f) * 20f;
        }
        FloatArray a = FloatArray.fromArray(x), b = FloatArray.fromArray(y), out = new FloatArray(n * ConformanceKernels.DOUBLE_OPS);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::doubleOps, new KernelContext(), a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        // sqrt is correctly rounded in double on OpenCL and CUDA; one float rounding after it leaves at most 1 ulp of doubt.
        int[] ulps = {0, 0, 0, 0, 1, 0};
        for (int i = 0; i < n; i++) {
            double p = x[i], q = y[i];
            float[] e = {(float) (p * q + 1e-9), (float) (p / q), (float) (p % q), (float) ((p + 1e20) - 1e20),
                    (float) Math.sqrt(p * p + q * q), (float) (p * 1e200 / 1e200)};
            for (int j = 0; j < e.length; j++)
                Check.floatAt("doubleOps[" + j + "](" + p + ", " + q + ")", e[j], out.get(i * e.length + j), ulps[j]);
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void comparisonsWithNaNProductsAsJava(String device) {
        float[] x = {0f, -0f, 1f, -2.5f, 1e30f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 3e-30f};
        int n = x.length;
        FloatArray a = FloatArray.fromArray(x);
        IntArray out = new IntArray(n * ConformanceKernels.NAN_RULES);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a)
                .task("k", ConformanceKernels::nanRules, new KernelContext(), a, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        int[] expected = new int[n * ConformanceKernels.NAN_RULES];
        for (int i = 0; i < n; i++) {
            float v = x[i];
            double d = v * 3.0, m = Math.min(-0.1, d * Double.NaN);
            int[] e = {(d * Double.NaN) <= (d * d) ? 1 : 0, (d * Double.NaN) < d ? 1 : 0, (d * Double.NaN) >= d ? 1 : 0,
                    (d * Double.NaN) != (d * Double.NaN) ? 1 : 0, m != m ? 1 : 0, (v * Float.NaN) <= (v * v) ? 1 : 0,
                    -d != -d ? 1 : 0, -d != -d ? 0x7ff80000 : (int) (Double.doubleToRawLongBits(-d) >>> 32)};
            System.arraycopy(e, 0, expected, i * e.length, e.length);
        }
        Check.ints("nanRules", expected, out);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void castsSaturateAndMapNaNToZeroAsJava(String device) {
        float[] x = {0f, -0f, 2.5f, -2.5f, 3.999f, -3.999f, 3e9f, -3e9f, 1e19f, -1e19f, 1e30f, Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, 2147483520f, -2147483648f, 9.2233715e18f, 16777216f, 123456.78f, -0.5f};
        int n = x.length;
        FloatArray a = FloatArray.fromArray(x), floats = new FloatArray(n * ConformanceKernels.CAST_FLOATS);
        IntArray ints = new IntArray(n * ConformanceKernels.CAST_INTS);
        Check.poison(floats);
        Check.poison(ints);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a)
                .task("k", ConformanceKernels::casts, new KernelContext(), a, ints, floats, n)
                .transferToHost(EVERY_EXECUTION, ints, floats), grid1D(n));
        for (int i = 0; i < n; i++) {
            float v = x[i];
            long l = (long) v;
            double d = v * 3.0;
            int[] ei = {(int) v, (int) l, (int) (l >>> 32), (int) d, (int) (l * 1000003L)};
            float[] ef = {(float) (d / 7.0), (float) ei[4], (float) (l * 1000003L), (float) (int) v + 0.25f};
            for (int j = 0; j < ei.length; j++)
                if (ints.get(i * ConformanceKernels.CAST_INTS + j) != ei[j])
                    fail("cast " + j + " of " + v + ": expected " + ei[j] + " but was " + ints.get(i * ConformanceKernels.CAST_INTS + j));
            for (int j = 0; j < ef.length; j++)
                Check.floatAt("float cast " + j + " of " + v, ef[j], floats.get(i * ConformanceKernels.CAST_FLOATS + j), 0);
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void mathFunctionsWithinStatedUlps(String device) {
        int n = 512;
        Random rnd = new Random(4);
        float[] x = new float[n], y = new float[n];
        float[] edgeX = {0f, -0f, -1f, 100f, -100f, Float.NaN, Float.POSITIVE_INFINITY, 1f, 0f, -0f, 2f, 5f};
        float[] edgeY = {0f, 2f, 0.5f, -3f, 1f, 1f, 2f, Float.NaN, -0f, 0f, Float.NaN, -0f};
        // pow with NaN or infinite exponents is checked by powSpecialCasesAsJava, so one gap does not hide the rest.
        for (int i = 0; i < n; i++) {
            x[i] = i < edgeX.length ? edgeX[i] : (rnd.nextFloat() - 0.3f) * 40f;
            y[i] = i < edgeY.length ? edgeY[i] : (rnd.nextFloat() - 0.5f) * 10f;
        }
        FloatArray a = FloatArray.fromArray(x), b = FloatArray.fromArray(y), out = new FloatArray(n * ConformanceKernels.MATH_OPS);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::mathOps, new KernelContext(), a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        String[] names = {"exp", "log", "sqrt", "tanh", "pow", "abs", "min", "max", "fma", "exp(-|y|)"};
        boolean mayFlush = mayFlushSubnormals(device);
        for (int i = 0; i < n; i++) {
            float p = x[i], q = y[i];
            float[] e = {(float) Math.exp(p), (float) Math.log(p), (float) Math.sqrt(p), (float) Math.tanh(p), (float) Math.pow(Math.abs(p), q),
                    Math.abs(q), Math.min(p, q), Math.max(p, q), Math.fma(p, q, 1.5f), (float) Math.exp(-Math.abs((double) q))};
            for (int j = 0; j < e.length; j++) {
                float actual = out.get(i * e.length + j);
                String what = names[j] + "(" + p + ", " + q + ")";
                if (j == 4 && !Float.isFinite(q)) continue;
                if (mayFlush && flushed(e[j], actual)) continue;
                Check.floatAt(what, e[j], actual, MATH_ULPS[j]);
                if (MATH_ULPS[j] == 0 && !Float.isNaN(e[j]) && Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(actual))
                    fail(what + ": expected " + e[j] + " but was " + actual + " (sign of zero differs)");
            }
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void powSpecialCasesAsJava(String device) {
        float nan = Float.NaN, inf = Float.POSITIVE_INFINITY;
        float[] x = {1f, 1f, 1f, -1f, -1f, nan, nan, 0f, -0f, 0f, -0f, 2f, 0.5f, -2f, -8f, inf, -inf, -inf, 3f, -3f};
        float[] y = {nan, inf, -inf, inf, nan, 0f, -0f, -1f, -1f, 0.5f, 3f, inf, inf, -inf, 1f / 3f, -2f, 3f, 2f, nan, 2f};
        int n = x.length;
        FloatArray a = FloatArray.fromArray(x), b = FloatArray.fromArray(y), out = new FloatArray(n);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::powOnly, new KernelContext(), a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        for (int i = 0; i < n; i++) {
            float e = (float) Math.pow(x[i], y[i]);
            Check.floatAt("pow(" + x[i] + ", " + y[i] + ")", e, out.get(i), 0);
            if (!Float.isNaN(e) && Float.floatToRawIntBits(e) != Float.floatToRawIntBits(out.get(i)))
                fail("pow(" + x[i] + ", " + y[i] + "): expected " + e + " but was " + out.get(i) + " (sign of zero differs)");
        }
    }

    /** Pairs (x, y) for the rule kernels: every edge against every edge, y never 0. */
    private static int[][] intPairs() {
        int[] ys = {1, -1, 2, 7, -7, 31, 32, 33, 63, 64, -1, -31, -33, Integer.MAX_VALUE, Integer.MIN_VALUE, 977};
        int n = EDGE_INTS.length * ys.length;
        int[][] p = new int[2][n];
        for (int i = 0; i < n; i++) {
            p[0][i] = EDGE_INTS[i % EDGE_INTS.length];
            p[1][i] = ys[i / EDGE_INTS.length];
        }
        return p;
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void intRulesFeedFurtherArithmeticAsJava(String device) {
        int[][] p = intPairs();
        int n = p[0].length;
        IntArray a = IntArray.fromArray(p[0]), b = IntArray.fromArray(p[1]), out = new IntArray(n * ConformanceKernels.INT_RULES);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::intRules, new KernelContext(), a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        IntArray expected = new IntArray(out.getSize());
        for (int i = 0; i < n; i++) ConformanceKernels.intRuleValues(expected, i * ConformanceKernels.INT_RULES, p[0][i], p[1][i]);
        sameInts("intRules", expected, out, ConformanceKernels.INT_RULES, p[0], p[1]);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void longRulesFeedFurtherArithmeticAsJava(String device) {
        long[] edges = {0, 1, -1, 7, 63, 64, 65, -63, -64, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, 0x7fffffff00000000L,
                -1234567890123456789L, 977};
        long[] ys = {1, -1, 3, -7, 31, 63, 64, 65, -1, -65, Long.MIN_VALUE, Long.MAX_VALUE, 0x100000040L};
        int n = edges.length * ys.length;
        int[] xs = new int[2 * n], yw = new int[2 * n];
        long[] x = new long[n], y = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = edges[i % edges.length];
            y[i] = ys[i / edges.length];
            xs[2 * i] = (int) x[i];
            xs[2 * i + 1] = (int) (x[i] >>> 32);
            yw[2 * i] = (int) y[i];
            yw[2 * i + 1] = (int) (y[i] >>> 32);
        }
        IntArray a = IntArray.fromArray(xs), b = IntArray.fromArray(yw), out = new IntArray(n * ConformanceKernels.LONG_RULES * 2);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::longRules, new KernelContext(), a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        IntArray expected = new IntArray(out.getSize());
        for (int i = 0; i < n; i++) ConformanceKernels.longRuleValues(expected, i * ConformanceKernels.LONG_RULES * 2, x[i], y[i]);
        for (int i = 0; i < expected.getSize(); i++)
            if (expected.get(i) != out.get(i))
                fail("longRules[" + i % (2 * ConformanceKernels.LONG_RULES) + "](" + x[i / (2 * ConformanceKernels.LONG_RULES)] + ", "
                        + y[i / (2 * ConformanceKernels.LONG_RULES)] + "): int " + i + " expected " + expected.get(i) + " but was " + out.get(i));
    }

    /**
     * Division by zero: Java throws, which the JVM device reports as a failed launch; devices define x / 0
     * and x % 0 as 0, and the results must behave as that 0 in the arithmetic that follows.
     */
    @ParameterizedTest @MethodSource(DEVICES)
    void divisionByZeroGivesZeroForFurtherArithmetic(String device) {
        int[] x = EDGE_INTS.clone();
        int n = x.length;
        IntArray a = IntArray.fromArray(x), b = new IntArray(n), out = new IntArray(n * ConformanceKernels.ZERO_DIVISOR_RULES);
        Check.poison(out);
        TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::zeroDivisors, new KernelContext(), a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out);
        if (device.equals("jvm")) {
            assertThrows(RuntimeException.class, () -> runOnce(device, g, grid1D(n)));
            return;
        }
        runOnce(device, g, grid1D(n));
        int[] expected = new int[out.getSize()];
        for (int i = 0; i < n; i++) {
            int v = x[i];
            int[] e = {1, -1, 7, 5, 3, -2, 21, v + 1, 0, 0};
            System.arraycopy(e, 0, expected, i * e.length, e.length);
        }
        Check.ints("zeroDivisors", expected, out);
    }

    private static final float[] RULE_FLOATS = {0f, -0f, 1f, -1f, 2.5f, -2.5f, 0.75f, 3e9f, -3e9f, 1e19f, -1e19f, 1e30f,
            Float.MAX_VALUE, -Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 2147483520f, -9.2233715e18f};

    @ParameterizedTest @MethodSource(DEVICES)
    void floatRulesFeedFurtherArithmeticAsJava(String device) {
        // a device that may flush subnormals may read a subnormal input as zero: those inputs are left out there
        float[] rule = mayFlushSubnormals(device) ? withoutSubnormals(RULE_FLOATS) : RULE_FLOATS;
        int k = rule.length, n = k * k;
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rule[i % k];
            y[i] = rule[i / k];
        }
        FloatArray a = FloatArray.fromArray(x), b = FloatArray.fromArray(y);
        IntArray ints = new IntArray(n * ConformanceKernels.FLOAT_RULE_INTS);
        FloatArray floats = new FloatArray(n * ConformanceKernels.FLOAT_RULES);
        Check.poison(ints);
        Check.poison(floats);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::floatRules, new KernelContext(), a, b, ints, floats, n)
                .transferToHost(EVERY_EXECUTION, ints, floats), grid1D(n));
        IntArray ei = new IntArray(ints.getSize());
        FloatArray ef = new FloatArray(floats.getSize());
        for (int i = 0; i < n; i++)
            ConformanceKernels.floatRuleValues(ei, i * ConformanceKernels.FLOAT_RULE_INTS, ef, i * ConformanceKernels.FLOAT_RULES, x[i], y[i]);
        sameInts("floatRules", ei, ints, ConformanceKernels.FLOAT_RULE_INTS, x, y);
        sameFloats("floatRules", ef, floats, ConformanceKernels.FLOAT_RULES, x, y);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void powRulesFeedFurtherArithmeticAsJava(String device) {
        float nan = Float.NaN, inf = Float.POSITIVE_INFINITY;
        float[] x = {1f, 1f, 1f, -1f, -1f, -1f, nan, nan, 0f, -0f, 0f, -0f, 2f, 0.5f, -2f, -8f, inf, -inf, -inf, 3f, -3f, -0f, 0.5f, 2f};
        float[] y = {nan, inf, -inf, inf, -inf, nan, 0f, -0f, -1f, -1f, 3f, 3f, inf, inf, -inf, 1f / 3f, -2f, 3f, 2f, nan, 2f, -3f, -inf, 3f};
        int n = x.length;
        FloatArray a = FloatArray.fromArray(x), b = FloatArray.fromArray(y);
        IntArray ints = new IntArray(n * ConformanceKernels.POW_RULES);
        FloatArray floats = new FloatArray(n * ConformanceKernels.POW_RULES);
        Check.poison(ints);
        Check.poison(floats);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::powRules, new KernelContext(), a, b, ints, floats, n)
                .transferToHost(EVERY_EXECUTION, ints, floats), grid1D(n));
        IntArray ei = new IntArray(ints.getSize());
        FloatArray ef = new FloatArray(floats.getSize());
        for (int i = 0; i < n; i++) ConformanceKernels.powRuleValues(ei, ef, i * ConformanceKernels.POW_RULES, x[i], y[i]);
        sameInts("powRules", ei, ints, ConformanceKernels.POW_RULES, x, y);
        sameFloats("powRules", ef, floats, ConformanceKernels.POW_RULES, x, y);
    }

    private static void sameInts(String what, IntArray expected, IntArray actual, int per, Object xs, Object ys) {
        for (int i = 0; i < expected.getSize(); i++)
            if (expected.get(i) != actual.get(i))
                fail(what + "[" + i % per + "](" + java.lang.reflect.Array.get(xs, i / per) + ", " + java.lang.reflect.Array.get(ys, i / per)
                        + "): expected " + expected.get(i) + " but was " + actual.get(i));
    }

    /** Bit for bit, except that any NaN matches any NaN. */
    private static void sameFloats(String what, FloatArray expected, FloatArray actual, int per, float[] xs, float[] ys) {
        for (int i = 0; i < expected.getSize(); i++) {
            float e = expected.get(i), g = actual.get(i);
            if (Float.floatToRawIntBits(e) != Float.floatToRawIntBits(g) && !(Float.isNaN(e) && Float.isNaN(g)))
                fail(what + "[" + i % per + "](" + xs[i / per] + ", " + ys[i / per] + "): expected " + e + " but was " + g);
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void halfAndBfloat16StoresRoundAsJava(String device) {
        Random rnd = new Random(5);
        int n = 4096;
        float[] x = new float[n];
        float[] edges = {0f, -0f, 1f, 65504f, 65519.99f, 65520f, 1e6f, -1e6f, 5.96e-8f, 2.98e-8f, 2.99e-8f, 6.1e-5f, Float.NaN,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.00048828125f, 1.00146484375f, 3.4e38f, 1e-40f};
        for (int i = 0; i < n; i++) {
            if (i < edges.length) x[i] = edges[i];
            else if (i % 4 == 0) x[i] = Float.float16ToFloat((short) rnd.nextInt()) + Math.ulp(Float.float16ToFloat((short) rnd.nextInt())) * 0.5f;
            else if (i % 4 == 1) x[i] = Float.intBitsToFloat((rnd.nextInt() & 0xffff0000) | 0x8000);
            else x[i] = Float.intBitsToFloat(rnd.nextInt());
        }
        FloatArray in = FloatArray.fromArray(x);
        HalfArray half = new HalfArray(n);
        BFloat16Array bf16 = new BFloat16Array(n);
        for (int i = 0; i < n; i++) {
            half.setRaw(i, (short) 0x7e77);
            bf16.setRaw(i, (short) 0x7f77);
        }
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::storeHalves, new KernelContext(), in, half, bf16, n)
                .transferToHost(EVERY_EXECUTION, half, bf16), grid1D(n));
        for (int i = 0; i < n; i++) {
            short eh = Float.floatToFloat16(x[i]), eb = BFloat16Array.toBits(x[i]);
            if (Float.isNaN(x[i])) {
                if (!Float.isNaN(half.get(i)) || !Float.isNaN(bf16.get(i))) fail("NaN stored as " + half.get(i) + " / " + bf16.get(i));
            } else {
                if (half.getRaw(i) != eh) fail("fp16 store of " + x[i] + ": expected bits " + Integer.toHexString(eh & 0xffff)
                        + " but was " + Integer.toHexString(half.getRaw(i) & 0xffff));
                if (bf16.getRaw(i) != eb) fail("bf16 store of " + x[i] + ": expected bits " + Integer.toHexString(eb & 0xffff)
                        + " but was " + Integer.toHexString(bf16.getRaw(i) & 0xffff));
            }
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void everyHalfAndBfloat16BitPatternLoadsExactly(String device) {
        int n = 65536;
        HalfArray half = new HalfArray(n);
        BFloat16Array bf16 = new BFloat16Array(n);
        for (int i = 0; i < n; i++) {
            half.setRaw(i, (short) i);
            bf16.setRaw(i, (short) i);
        }
        FloatArray fromHalf = new FloatArray(n), fromBf16 = new FloatArray(n);
        fromHalf.init(-12345f);
        fromBf16.init(-12345f);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, half, bf16)
                .task("k", ConformanceKernels::loadHalves, new KernelContext(), half, bf16, fromHalf, fromBf16, n)
                .transferToHost(EVERY_EXECUTION, fromHalf, fromBf16), Conformance.grid1D(n).setLocalWork(256));
        for (int i = 0; i < n; i++) {
            float eh = Float.float16ToFloat((short) i), eb = BFloat16Array.toFloat((short) i);
            if (Check.ulps(eh, fromHalf.get(i)) != 0 || (!Float.isNaN(eh) && Float.floatToRawIntBits(eh) != Float.floatToRawIntBits(fromHalf.get(i))))
                fail("fp16 load of bits " + Integer.toHexString(i) + ": expected " + eh + " but was " + fromHalf.get(i));
            if (Check.ulps(eb, fromBf16.get(i)) != 0 || (!Float.isNaN(eb) && Float.floatToRawIntBits(eb) != Float.floatToRawIntBits(fromBf16.get(i))))
                fail("bf16 load of bits " + Integer.toHexString(i) + ": expected " + eb + " but was " + fromBf16.get(i));
        }
    }
}
