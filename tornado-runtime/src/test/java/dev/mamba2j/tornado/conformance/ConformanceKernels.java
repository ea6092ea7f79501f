package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.HalfArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/** The kernels of the conformance suite, written in the kernel subset of Java. */
public final class ConformanceKernels {
    private ConformanceKernels() {}

    public static final int INT_OPS = 12;

    /** int arithmetic with Java semantics: wrap-around, truncating division, masked shift counts. */
    @Kernel
    public static void intOps(KernelContext ctx, IntArray a, IntArray b, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        int x = a.get(i), y = b.get(i), o = i * INT_OPS;
        out.set(o, x + y);
        out.set(o + 1, x - y);
        out.set(o + 2, x * y);
        out.set(o + 3, x / y);
        out.set(o + 4, x % y);
        out.set(o + 5, x << y);
        out.set(o + 6, x >> y);
        out.set(o + 7, x >>> y);
        out.set(o + 8, (x & y) | (~x ^ y));
        out.set(o + 9, Math.min(x, y) - Math.max(x, y));
        out.set(o + 10, Math.abs(x));
        out.set(o + 11, -x);
    }

    public static final int ABS_OPS = 4;

    /** |x| of edge values fed on into min, max, division, shifts and remainder (NVIDIA's OpenCL went wrong there on MIN_VALUE). */
    @Kernel
    public static void absFeedsArithmetic(KernelContext ctx, IntArray a, IntArray b, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        int x = a.get(i), y = b.get(i), o = i * ABS_OPS;
        long l = ((long) x << 32) | (y & 0xffffffffL);
        long q = Math.min(Math.abs(l), l - l) / (Math.max(Math.abs(l), l << l) | 1L);
        storeLong(out, o, q);
        out.set(o + 2, (x * ~y) >> (Math.abs(x) % ((x + y) | 1)));
        out.set(o + 3, Math.max(Math.abs(x), y) - Math.min(Math.abs(y), x));
    }

    public static final int LONG_OPS = 6;

    /** long arithmetic, stored as (low, high) int pairs. */
    @Kernel
    public static void longOps(KernelContext ctx, IntArray a, IntArray b, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        long x = ((long) a.get(i) << 32) | (b.get(i) & 0xffffffffL);
        long y = (long) b.get(i) * 2654435761L + a.get(i);
        int o = i * LONG_OPS * 2;
        storeLong(out, o, x + y);
        storeLong(out, o + 2, x * y);
        storeLong(out, o + 4, x / (y | 1L));
        storeLong(out, o + 6, x % (y | 1L));
        storeLong(out, o + 8, (x << (y & 127)) ^ (x >>> y) ^ (x >> 7));
        storeLong(out, o + 10, Math.max(x, y) - Math.min(x, y) + Math.abs(x));
    }

    static void storeLong(IntArray out, int at, long v) {
        out.set(at, (int) v);
        out.set(at + 1, (int) (v >>> 32));
    }

    public static final int FLOAT_OPS = 5;

    /** float arithmetic, division by zero included (infinities and NaN as in Java). */
    @Kernel
    public static void floatOps(KernelContext ctx, FloatArray a, FloatArray b, FloatArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        float x = a.get(i), y = b.get(i);
        int o = i * FLOAT_OPS;
        out.set(o, x + y);
        out.set(o + 1, x - y);
        out.set(o + 2, x * y);
        out.set(o + 3, x / y);
        out.set(o + 4, x % y);
    }

    public static final int DIVISIONS = 3;

    /** a / b in float (slot 0) and in double (slots 1 and 2, each double from two ints, low first), as raw bits. */
    @Kernel
    public static void divisions(KernelContext ctx, IntArray a, IntArray b, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        int o = i * DIVISIONS;
        float x = Float.intBitsToFloat(a.get(o)), y = Float.intBitsToFloat(b.get(o));
        out.set(o, Float.floatToRawIntBits(x / y));
        double p = Double.longBitsToDouble(((long) a.get(o + 2) << 32) | (a.get(o + 1) & 0xffffffffL));
        double q = Double.longBitsToDouble(((long) b.get(o + 2) << 32) | (b.get(o + 1) & 0xffffffffL));
        long r = Double.doubleToRawLongBits(p / q);
        out.set(o + 1, (int) r);
        out.set(o + 2, (int) (r >>> 32));
    }

    public static final int NAN_RULES = 8;

    /**
     * Comparisons with a NaN made by a product with the NaN constant, in double and in float, and min of
     * such a NaN: false and NaN where Java has them (a driver that assumes no NaN folds them).
     */
    @Kernel
    public static void nanRules(KernelContext ctx, FloatArray a, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        float x = a.get(i);
        double d = x * 3.0;
        int o = i * NAN_RULES;
        out.set(o, (d * Double.NaN) <= (d * d) ? 1 : 0);
        out.set(o + 1, (d * Double.NaN) < d ? 1 : 0);
        out.set(o + 2, (d * Double.NaN) >= d ? 1 : 0);
        out.set(o + 3, (d * Double.NaN) != (d * Double.NaN) ? 1 : 0);
        double m = Math.min(-0.1, d * Double.NaN);
        out.set(o + 4, m != m ? 1 : 0);
        out.set(o + 5, (x * Float.NaN) <= (x * x) ? 1 : 0);
        double negated = -d;
        out.set(o + 6, negated != negated ? 1 : 0);
        long bits = Double.doubleToRawLongBits(negated);
        out.set(o + 7, negated != negated ? 0x7ff80000 : (int) (bits >>> 32));
    }

    public static final int DOUBLE_OPS = 6;

    /** double arithmetic, rounded once to float at the end: a device that computed in float would differ (1e20, 1e200). */
    @Kernel
    public static void doubleOps(KernelContext ctx, FloatArray a, FloatArray b, FloatArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        double x = a.get(i), y = b.get(i);
        int o = i * DOUBLE_OPS;
        out.set(o, (float) (x * y + 1e-9));
        out.set(o + 1, (float) (x / y));
        out.set(o + 2, (float) (x % y));
        out.set(o + 3, (float) ((x + 1e20) - 1e20));
        out.set(o + 4, (float) Math.sqrt(x * x + y * y));
        out.set(o + 5, (float) (x * 1e200 / 1e200));
    }

    /** Results per element: ints, then floats (each array holds exactly these, so every element is written). */
    public static final int CAST_INTS = 5, CAST_FLOATS = 4;

    /** Casts with Java semantics: float to int/long saturate, NaN becomes 0; narrowing wraps. */
    @Kernel
    public static void casts(KernelContext ctx, FloatArray a, IntArray ints, FloatArray floats, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        float x = a.get(i);
        int o = i * CAST_INTS, of = i * CAST_FLOATS;
        ints.set(o, (int) x);
        long l = (long) x;
        ints.set(o + 1, (int) l);
        ints.set(o + 2, (int) (l >>> 32));
        double d = x * 3.0;
        ints.set(o + 3, (int) d);
        ints.set(o + 4, (int) (l * 1000003L));
        floats.set(of, (float) (d / 7.0));
        floats.set(of + 1, (float) ints.get(o + 4));
        floats.set(of + 2, (float) (l * 1000003L));
        floats.set(of + 3, (float) (int) x + 0.25f);
    }

    public static final int MATH_OPS = 10;

    /** Math functions; results compared within the ulps the suite states. */
    @Kernel
    public static void mathOps(KernelContext ctx, FloatArray a, FloatArray b, FloatArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        float x = a.get(i), y = b.get(i);
        int o = i * MATH_OPS;
        out.set(o, (float) Math.exp(x));
        out.set(o + 1, (float) Math.log(x));
        out.set(o + 2, (float) Math.sqrt(x));
        out.set(o + 3, (float) Math.tanh(x));
        out.set(o + 4, (float) Math.pow(Math.abs(x), y));
        out.set(o + 5, Math.abs(y));
        out.set(o + 6, Math.min(x, y));
        out.set(o + 7, Math.max(x, y));
        out.set(o + 8, Math.fma(x, y, 1.5f));
        out.set(o + 9, (float) Math.exp(-Math.abs((double) y)));
    }

    /** Math.pow alone, for its special cases (NaN and infinite exponents differ between Java and C). */
    @Kernel
    public static void powOnly(KernelContext ctx, FloatArray a, FloatArray b, FloatArray out, int n) {
        int i = ctx.globalIdx;
        if (i < n) out.set(i, (float) Math.pow(a.get(i), b.get(i)));
    }

    /*
     * Java's rules with each result fed into more arithmetic, so that a device cannot pass by storing the
     * right bits while computing with wrong assumptions (a compiler that takes |x| >= 0 turns abs(MIN) % 977
     * into an unsigned remainder). The kernels call helpers that the tests also run on the host, on host
     * arrays: the same Java code is the expected value.
     */

    public static final int INT_RULES = 18;

    /** int: abs(MIN), division and remainder (MIN / -1 included), shift counts >= 32 and negative; b[i] != 0. */
    @Kernel
    public static void intRules(KernelContext ctx, IntArray a, IntArray b, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i < n) intRuleValues(out, i * INT_RULES, a.get(i), b.get(i));
    }

    static void intRuleValues(IntArray out, int o, int x, int y) {
        int ax = Math.abs(x);                           // abs(MIN) is MIN: negative
        out.set(o, ax % 977);
        out.set(o + 1, ax / 7);
        out.set(o + 2, ax >> 1);
        out.set(o + 3, ax >>> 1);
        out.set(o + 4, ax * 3 + 1);
        out.set(o + 5, ax < 0 ? -5 : 5);
        out.set(o + 6, Math.abs(x - y) / 3 + (Math.abs(y) >> 2));
        int q = x / y, r = x % y;                       // MIN / -1 wraps to MIN, MIN % -1 is 0
        out.set(o + 7, q + r);
        out.set(o + 8, q < 0 ? q - 1 : q + 1);
        out.set(o + 9, r == 0 ? 11 : 13);
        out.set(o + 10, x / -1 + 1);
        out.set(o + 11, x % -1 - 7);
        out.set(o + 12, (x / 7 << 1) + x % 7);
        out.set(o + 13, (x << y) + 1);                  // counts are masked to 5 bits
        out.set(o + 14, (x >> y) / 3);
        out.set(o + 15, (x >>> y) % 1000);
        out.set(o + 16, (x << 33) - (x >> -1));
        out.set(o + 17, (x >>> 32) ^ (x >>> -31));
    }

    public static final int LONG_RULES = 17;

    /** long: the same rules; x and y arrive as (low, high) int pairs, y != 0, the shift count is (int) y. */
    @Kernel
    public static void longRules(KernelContext ctx, IntArray xs, IntArray ys, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        long x = ((long) xs.get(2 * i + 1) << 32) | (xs.get(2 * i) & 0xffffffffL);
        long y = ((long) ys.get(2 * i + 1) << 32) | (ys.get(2 * i) & 0xffffffffL);
        longRuleValues(out, i * LONG_RULES * 2, x, y);
    }

    static void longRuleValues(IntArray out, int o, long x, long y) {
        long ax = Math.abs(x);
        storeLong(out, o, ax % 977);
        storeLong(out, o + 2, ax / 7);
        storeLong(out, o + 4, ax >> 1);
        storeLong(out, o + 6, ax >>> 1);
        storeLong(out, o + 8, ax * 3 + 1);
        storeLong(out, o + 10, ax < 0 ? -5 : 5);
        long q = x / y, r = x % y;
        storeLong(out, o + 12, q + r);
        storeLong(out, o + 14, q < 0 ? q - 1 : q + 1);
        storeLong(out, o + 16, r == 0 ? 11 : 13);
        storeLong(out, o + 18, x / -1L + 1);
        storeLong(out, o + 20, x % -1L - 7);
        int s = (int) y;
        storeLong(out, o + 22, (x << s) + 1);           // counts are masked to 6 bits
        storeLong(out, o + 24, (x >> s) / 3);
        storeLong(out, o + 26, (x >>> s) % 1000);
        storeLong(out, o + 28, (x << 65) - (x >> -1));
        storeLong(out, o + 30, (x >>> 64) ^ (x >>> -63));
        storeLong(out, o + 32, Math.abs(x - y) / 3 + (Math.abs(y) >> 2));
    }

    public static final int ZERO_DIVISOR_RULES = 10;

    /**
     * Division and remainder by zero, which Java refuses with an exception and devices define as 0, then
     * arithmetic on the result; b[i] is 0 (the JVM device fails the launch, as Java does).
     */
    @Kernel
    public static void zeroDivisors(KernelContext ctx, IntArray a, IntArray b, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        int x = a.get(i), y = b.get(i), o = i * ZERO_DIVISOR_RULES;
        int q = x / y, r = x % y;
        long lq = (long) x / y, lr = ((long) x << 20) % (long) y;
        out.set(o, q + 1);
        out.set(o + 1, r - 1);
        out.set(o + 2, q == 0 ? 7 : 9);
        out.set(o + 3, r < 0 ? 4 : 5);
        out.set(o + 4, (int) (lq + 3));
        out.set(o + 5, (int) (lr >> 1) - 2);
        out.set(o + 6, lq == 0 ? 21 : 23);
        out.set(o + 7, (q ^ x) + (r | 1));
        out.set(o + 8, (int) (lq * 5 + lr));
        out.set(o + 9, x / y / y + x % y % y);
    }

    public static final int FLOAT_RULES = 12, FLOAT_RULE_INTS = 14;

    /** float and double: conversions to int/long (NaN, infinities, huge), min/max (NaN, signed zeros), %. */
    @Kernel
    public static void floatRules(KernelContext ctx, FloatArray a, FloatArray b, IntArray ints, FloatArray floats, int n) {
        int i = ctx.globalIdx;
        if (i < n) floatRuleValues(ints, i * FLOAT_RULE_INTS, floats, i * FLOAT_RULES, a.get(i), b.get(i));
    }

    static void floatRuleValues(IntArray ints, int oi, FloatArray floats, int of, float x, float y) {
        // conversions saturate, NaN gives 0; then integer arithmetic on the result
        ints.set(oi, (int) x + 1);
        ints.set(oi + 1, (int) x / 3);
        ints.set(oi + 2, (int) ((long) x >> 3));
        ints.set(oi + 3, (int) ((long) x >>> 40));
        double d = x * 1e10;
        ints.set(oi + 4, (int) d - 1);
        ints.set(oi + 5, (int) ((long) d % 1000));
        ints.set(oi + 6, (int) x == 0 ? 3 : 4);
        ints.set(oi + 7, (int) (long) y + (int) y * 2);
        // min and max: NaN if either is NaN, -0 below +0; 1/x and compares see the sign of zero
        float lo = Math.min(x, y), hi = Math.max(x, y);
        floats.set(of, lo == 0 ? 1f / lo : lo * 3f);
        floats.set(of + 1, hi == 0 ? 1f / hi : hi * 3f);
        ints.set(oi + 8, lo < 0 ? 1 : lo > 0 ? 2 : lo == 0 ? (1f / lo < 0 ? 3 : 4) : 5);
        ints.set(oi + 9, Float.floatToRawIntBits(hi) >>> 31);
        float z = Math.min(x, 0f), nz = Math.max(x, -0f), c = Math.max(x, 2.5f);
        floats.set(of + 2, z == 0 ? 1f / z : z - 1f);
        floats.set(of + 3, nz == 0 ? 1f / nz : nz - 1f);
        floats.set(of + 4, c * 2f);
        double dl = Math.min((double) x, (double) y), dh = Math.max((double) x, -0.0);
        floats.set(of + 5, (float) (dl == 0 ? 1 / dl : dl * 3));
        floats.set(of + 6, (float) (dh == 0 ? 1 / dh : dh - 1));
        ints.set(oi + 10, dl < 0 ? 1 : dl > 0 ? 2 : dl == 0 ? (1 / dl < 0 ? 3 : 4) : 5);
        // floating remainder (Java's %: the sign of x, exact), then arithmetic
        float r = x % y;
        floats.set(of + 7, r * 2f + 1f);
        floats.set(of + 8, r == 0 ? 1f / r : r - 0.5f);
        ints.set(oi + 11, r == 0 ? 5 : r < 0 ? 6 : r > 0 ? 7 : 8);
        double dr = (double) x % (double) y;
        floats.set(of + 9, (float) (dr == 0 ? 1 / dr : dr * 2 + 1));
        ints.set(oi + 12, (int) dr + (int) (dr * 1e3));
        floats.set(of + 10, (float) ((double) y % 0.75) * 4f);
        floats.set(of + 11, 7.5f % y - 1f);
        ints.set(oi + 13, (int) (x % 3f) + (int) ((long) y % 3L));
    }

    public static final int POW_RULES = 5;

    /** pow's special cases (NaN and infinite exponents, |x| = 1, zeros), then arithmetic; exact results only. */
    @Kernel
    public static void powRules(KernelContext ctx, FloatArray a, FloatArray b, IntArray ints, FloatArray floats, int n) {
        int i = ctx.globalIdx;
        if (i < n) powRuleValues(ints, floats, i * POW_RULES, a.get(i), b.get(i));
    }

    static void powRuleValues(IntArray ints, FloatArray floats, int o, float x, float y) {
        float p = (float) Math.pow(x, y);
        floats.set(o, p + 1f);
        floats.set(o + 1, p == 0 ? 1f / p : p * 2f);
        ints.set(o, p != p ? 7 : p > 1 ? 8 : p == 1 ? 9 : 10);
        ints.set(o + 1, (int) p - 1);
        double q = Math.pow((double) x, (double) y) * 2;
        floats.set(o + 2, (float) q);
        ints.set(o + 2, (int) (long) q + (q != q ? 1 : 0));
        floats.set(o + 3, (float) Math.pow(x, 0.0) + (float) Math.pow(x, Double.NaN));
        floats.set(o + 4, (float) Math.pow(y, Double.POSITIVE_INFINITY) - 1f);
        ints.set(o + 3, Math.pow(x, y) == 1 ? 1 : 0);
        ints.set(o + 4, (int) Math.pow(y, Double.NEGATIVE_INFINITY));
    }

    /** A kernel whose name is also a device built-in function: names must not clash with the device's. */
    @Kernel
    public static void max(KernelContext ctx, FloatArray a, FloatArray out, int n) {
        int i = ctx.globalIdx;
        if (i < n) out.set(i, Math.max(a.get(i), 0f));
    }

    /** fp16 and bf16 stores (round to nearest even, as Java) and loads (exact). */
    @Kernel
    public static void storeHalves(KernelContext ctx, FloatArray in, HalfArray half, BFloat16Array bf16, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        half.set(i, in.get(i));
        bf16.set(i, in.get(i));
    }

    @Kernel
    public static void loadHalves(KernelContext ctx, HalfArray half, BFloat16Array bf16, FloatArray fromHalf, FloatArray fromBf16, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        fromHalf.set(i, half.get(i));
        fromBf16.set(i, bf16.get(i));
    }

    /** Nested loops with break, continue and a labelled continue; while; do-while; ternaries; boolean logic. */
    @Kernel
    public static void controlFlow(KernelContext ctx, IntArray in, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        int v = in.get(i);
        if (v < 0) {
            out.set(i, -1);
            return;
        }
        int acc = 0;
        outer:
        for (int a = 0; a < 8; a++) {
            if (a == v % 5) continue;
            for (int b = 0; b < 8; b++) {
                if (b > a) break;
                if ((a + b + v) % 7 == 0) continue outer;
                acc += a * b + v;
            }
            if (acc > 1000) break;
        }
        int w = 0;
        while (w < v % 13) w += 3;
        int steps = 0;
        do {
            steps++;
        } while (steps * steps < v % 50);
        boolean p = (v & 1) == 0, q = v % 3 == 0, r = v > 40;
        int t = p && !q ? 1 : (p || q) ? 2 : (q ^ r) ? 3 : 4;
        out.set(i, acc * 1_000_000 + t * 100_000 + w * 100 + steps);
    }

    /**
     * Clamped loads into a private array, then masked values, triangles and arm-local temporaries:
     * code the JIT turns into selects, so that the loops unroll (out has 4·m elements).
     */
    @Kernel
    public static void maskedRows(KernelContext ctx, FloatArray in, FloatArray out, int n, int m) {
        int i = ctx.globalIdx;
        if (i >= m) return;
        float[] raw = new float[4];
        for (int r = 0; r < 4; r++) raw[r] = in.get(Math.min(i + r * m, n - 1));
        for (int r = 0; r < 4; r++) {
            int j = i + r * m;
            boolean keep = j < n & j % 3 != 0;
            float a = raw[r];
            float v = keep ? a * 2f + 1f : -0f;
            if (j % 5 == 0) {
                float t = v * v;
                v = t - a;
            }
            out.set(i * 4 + r, j % 7 == 0 ? v : v * 0.5f);
        }
    }

    /** Calls static helpers, one of which calls another. */
    @Kernel
    public static void helpers(KernelContext ctx, FloatArray in, FloatArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        out.set(i, polynomial(in.get(i)) + clampedIndexValue(in, i - 1, n));
    }

    static float polynomial(float x) { return square(x) * 0.5f + 3.0f * x - 1.0f; }

    static float square(float x) { return x * x; }

    static float clampedIndexValue(FloatArray a, int i, int n) { return a.get(Math.max(0, Math.min(i, n - 1))); }

    public static final int GROUP = 64;

    /** Work-group tree reduction in local memory: out[group] = sum of the group's inputs. */
    @Kernel
    public static void groupSum(KernelContext ctx, FloatArray in, FloatArray out, int n) {
        float[] partial = ctx.allocateFloatLocalArray(64);
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        partial[lid] = gid < n ? in.get(gid) : 0f;
        ctx.localBarrier();
        for (int stride = ctx.localGroupSizeX / 2; stride > 0; stride /= 2) {
            if (lid < stride) partial[lid] += partial[lid + stride];
            ctx.localBarrier();
        }
        if (lid == 0) out.set(ctx.groupIdx, partial[0]);
    }

    /**
     * A barrier after a loop whose trip count differs between the work-items of a group, before a tail
     * that only returns; each work-item reads what a neighbour wrote before the barrier. SPIR-V ties a
     * barrier to the constructs around it: drawn into the loop's construct, it was one barrier per
     * iteration at which work-items left (kernel k50 of the JIT fuzzer, seed 7).
     */
    @Kernel
    public static void barrierAfterDivergentLoop(KernelContext ctx, IntArray in, IntArray out, int n) {
        int[] tile = ctx.allocateIntLocalArray(64);
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int x = gid < n ? in.get(gid) : 0;
        int acc = x;
        for (int k = 0; k < (x & 7); k++) acc = acc * 3 + k;
        tile[lid] = acc;
        ctx.localBarrier();
        if (gid < n) out.set(gid, tile[(lid + 24) & 63]);
    }

    /**
     * A barrier after an if whose test differs between the work-items of a group, in a short tail that
     * only returns: copied into each arm, it was one barrier per arm.
     */
    @Kernel
    public static void barrierAfterDivergentIf(KernelContext ctx, IntArray in, IntArray out, int n) {
        int[] tile = ctx.allocateIntLocalArray(64);
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int x = gid < n ? in.get(gid) : 0;
        if (x % 3 == 1) out.set(2 * gid + 1, x); // x is 0 past n
        tile[lid] = x * 5 + 1;
        ctx.localBarrier();
        if (gid < n) out.set(2 * gid, tile[(lid + 24) & 63]);
    }

    /** Inclusive prefix sum inside each work-group (Hillis-Steele); the barriers are in a helper. */
    @Kernel
    public static void groupPrefixSum(KernelContext ctx, IntArray in, IntArray out, int n) {
        int[] buffer = ctx.allocateIntLocalArray(64);
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        buffer[lid] = gid < n ? in.get(gid) : 0;
        sync(ctx);
        for (int offset = 1; offset < ctx.localGroupSizeX; offset *= 2) {
            int add = lid >= offset ? buffer[lid - offset] : 0;
            sync(ctx);
            buffer[lid] += add;
            sync(ctx);
        }
        if (gid < n) out.set(gid, buffer[lid]);
    }

    static void sync(KernelContext ctx) { ctx.localBarrier(); }

    public static final int TILE = 8;

    /** C = A(m x k) * B(k x n), 8x8 tiles staged in local memory; sizes need not be multiples of the tile. */
    @Kernel
    public static void tiledMatmul(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, int m, int n, int k) {
        float[] ta = ctx.allocateFloatLocalArray(64);
        float[] tb = ctx.allocateFloatLocalArray(64);
        int col = ctx.globalIdx, row = ctx.globalIdy, tx = ctx.localIdx, ty = ctx.localIdy;
        float acc = 0f;
        for (int t = 0; t < k; t += 8) {
            ta[ty * 8 + tx] = row < m && t + tx < k ? a.get(row * k + t + tx) : 0f;
            tb[ty * 8 + tx] = col < n && t + ty < k ? b.get((t + ty) * n + col) : 0f;
            ctx.localBarrier();
            for (int j = 0; j < 8; j++) acc += ta[ty * 8 + j] * tb[j * 8 + tx];
            ctx.localBarrier();
        }
        if (row < m && col < n) c.set(row * n + col, acc);
    }

    /** localGemm operands: A 64×64, B and C 64×32, rows padded so that tensor-core fragment reads do not conflict. */
    public static final int GEMM_M = 64, GEMM_N = 32, GEMM_K = 64, GEMM_LDA = GEMM_K + 4, GEMM_LDB = GEMM_N + 8;

    /**
     * Per work-group (one matrix triple each): C += A·B over k = 64, then C += A[:, :32]·B[:32, :]
     * (accumulation, and k shorter than the row); A (64×64), B (64×32), C (64×32) dense in global
     * memory. With {@code tf32} (a runtime flag), one TF32 product per step.
     */
    @Kernel
    public static void localGemmSquare(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, boolean tf32) {
        float[] ta = ctx.allocateFloatLocalArray(GEMM_M * GEMM_LDA);
        float[] tb = ctx.allocateFloatLocalArray(GEMM_K * GEMM_LDB);
        float[] tc = ctx.allocateFloatLocalArray(GEMM_M * GEMM_LDB);
        loadSquare(ctx, a, b, c, ta, tb, tc);
        ctx.localGemm(GEMM_M, GEMM_N, GEMM_K, ta, GEMM_LDA, tb, GEMM_LDB, tc, GEMM_LDB, tf32);
        ctx.localGemm(GEMM_M, GEMM_N, GEMM_K / 2, ta, GEMM_LDA, tb, GEMM_LDB, tc, GEMM_LDB, tf32);
        storeSquare(ctx, c, tc);
    }

    /** {@link #localGemmSquare} through localGemmTf32, the flag a constant. */
    @Kernel
    public static void localGemmSquareTf32(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c) {
        float[] ta = ctx.allocateFloatLocalArray(GEMM_M * GEMM_LDA);
        float[] tb = ctx.allocateFloatLocalArray(GEMM_K * GEMM_LDB);
        float[] tc = ctx.allocateFloatLocalArray(GEMM_M * GEMM_LDB);
        loadSquare(ctx, a, b, c, ta, tb, tc);
        ctx.localGemmTf32(GEMM_M, GEMM_N, GEMM_K, ta, GEMM_LDA, tb, GEMM_LDB, tc, GEMM_LDB);
        ctx.localGemmTf32(GEMM_M, GEMM_N, GEMM_K / 2, ta, GEMM_LDA, tb, GEMM_LDB, tc, GEMM_LDB);
        storeSquare(ctx, c, tc);
    }

    /** The group's A, B and C from global memory into the padded local tiles. */
    static void loadSquare(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, float[] ta, float[] tb, float[] tc) {
        int g = ctx.groupIdx;
        for (int e = ctx.localIdx; e < GEMM_M * GEMM_K; e += ctx.localGroupSizeX)
            ta[e / GEMM_K * GEMM_LDA + e % GEMM_K] = a.get(g * GEMM_M * GEMM_K + e);
        for (int e = ctx.localIdx; e < GEMM_K * GEMM_N; e += ctx.localGroupSizeX) {
            tb[e / GEMM_N * GEMM_LDB + e % GEMM_N] = b.get(g * GEMM_K * GEMM_N + e);
            tc[e / GEMM_N * GEMM_LDB + e % GEMM_N] = c.get(g * GEMM_M * GEMM_N + e);
        }
    }

    /** The group's C tile back to global memory. */
    static void storeSquare(KernelContext ctx, FloatArray c, float[] tc) {
        int g = ctx.groupIdx;
        for (int e = ctx.localIdx; e < GEMM_M * GEMM_N; e += ctx.localGroupSizeX)
            c.set(g * GEMM_M * GEMM_N + e, tc[e / GEMM_N * GEMM_LDB + e % GEMM_N]);
    }

    /** An uneven localGemm: C(48×40) = A(48×24)·B(24×40), unpadded rows except C's (41, odd). */
    @Kernel
    public static void localGemmUneven(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c) {
        float[] ta = ctx.allocateFloatLocalArray(48 * 24);
        float[] tb = ctx.allocateFloatLocalArray(24 * 40);
        float[] tc = ctx.allocateFloatLocalArray(48 * 41);
        int id = (ctx.localIdz * ctx.localGroupSizeY + ctx.localIdy) * ctx.localGroupSizeX + ctx.localIdx;
        int items = ctx.localGroupSizeX * ctx.localGroupSizeY * ctx.localGroupSizeZ;
        for (int e = id; e < 48 * 24; e += items) ta[e] = a.get(e);
        for (int e = id; e < 24 * 40; e += items) tb[e] = b.get(e);
        for (int e = id; e < 48 * 41; e += items) tc[e] = 0f;
        ctx.localGemm(48, 40, 24, ta, 24, tb, 40, tc, 41);
        for (int e = id; e < 48 * 40; e += items) c.set(e, tc[e / 40 * 41 + e % 40]);
    }

    /** Records every id and size a 2D work-item sees. */
    @Kernel
    public static void ids2D(KernelContext ctx, IntArray out, int w, int h) {
        int x = ctx.globalIdx, y = ctx.globalIdy;
        if (x >= w || y >= h) return;
        int o = (y * w + x) * 4;
        out.set(o, x + 1000 * y);
        out.set(o + 1, ctx.groupIdx * ctx.localGroupSizeX + ctx.localIdx - x);
        out.set(o + 2, ctx.groupIdy * ctx.localGroupSizeY + ctx.localIdy - y);
        out.set(o + 3, ctx.globalGroupSizeX * 10000 + ctx.globalGroupSizeY);
    }

    /** Records the 3D ids of every work-item. */
    @Kernel
    public static void ids3D(KernelContext ctx, IntArray out, int w, int h, int d) {
        int x = ctx.globalIdx, y = ctx.globalIdy, z = ctx.globalIdz;
        if (x >= w || y >= h || z >= d) return;
        int o = ((z * h + y) * w + x) * 2;
        out.set(o, x + 100 * y + 10000 * z);
        out.set(o + 1, (ctx.groupIdz * ctx.localGroupSizeZ + ctx.localIdz) * 10000 + ctx.globalGroupSizeZ);
    }

    /** Twelve parameters of every kind. */
    @Kernel
    public static void twelve(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, IntArray d, FloatArray out,
                              int n, float s, float t, int k, long big, boolean flag) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        float v = a.get(i) * s + b.get(i) * t - c.get(i) + d.get(i) * k;
        out.set(i, flag ? v + (float) (big % 1000L) : v);
    }

    /** out[i] = in[i] + 1; the workhorse of the transfer and resource tests. */
    @Kernel
    public static void addOne(KernelContext ctx, FloatArray in, FloatArray out, int n) {
        int i = ctx.globalIdx;
        if (i < n) out.set(i, in.get(i) + 1f);
    }

    /** out[i] = in[i] * s. */
    @Kernel
    public static void scale(KernelContext ctx, FloatArray in, FloatArray out, float s, int n) {
        int i = ctx.globalIdx;
        if (i < n) out.set(i, in.get(i) * s);
    }

    /** out[i] = globalGroupSizeX, to observe the rounded-up global size. */
    @Kernel
    public static void globalSize(KernelContext ctx, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i < n) out.set(i, ctx.globalGroupSizeX);
    }

    /**
     * Arms that meet again after one of them may return early, before a short tail: no block
     * post-dominates the first test, and structured SPIR-V needs each arm to end in its own return.
     */
    @Kernel
    public static void earlyReturnShortTail(KernelContext ctx, IntArray in, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        int x = in.get(i);
        if (x % 3 == 0) {
            x = x * 7;
        } else {
            if (x % 5 == 0) return; // out[i] keeps its poison
            x = x + 11;
        }
        out.set(i, x);
    }

    /**
     * The same before a tail holding a loop (too long to copy per arm): the arms' meeting point is the
     * first test's merge, the early return an exit of its own.
     */
    @Kernel
    public static void earlyReturnLoopTail(KernelContext ctx, IntArray in, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        int x = in.get(i);
        if (x % 3 == 0) {
            x = x * 7;
        } else {
            if (x % 5 == 0) return;
            x = x + 11;
        }
        int acc = x;
        for (int k = 0; k < x % 9; k++) acc = acc * 31 + k;
        out.set(i, acc);
    }

    /**
     * Long mixed chains of && and || whose short-circuit branches cross the tests that enclose them
     * (the shapes the JIT fuzzer found, seed 7): as the operand of ?:, as the tests of a loop with
     * continue and break, and guarding early returns after the loop.
     */
    @Kernel
    public static void shortCircuitChains(KernelContext ctx, IntArray in, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        int a = in.get(i), b = a % 7, c = a % 11, d = a / 3;
        int r = (!((b != c) && ((a == 5) || (d <= c))) && (((b < c) && (((b >= 3) && (c != 4)) && (d != a))) && (a != 9))
                || (c <= 2) || ((a > 32) && ((b > 1) && (c < 10))) || ((d <= 40) && (a >= -17))) ? 64 : -3;
        int acc = 0;
        for (int k = 0; k < 12; k++) {
            if ((k == b || (k > c && k < d)) && !(k == 3 || (a < 0 && k > 5))) continue;
            if (((acc > 200 && k > 2) || (k == c && b > 4)) && (d < 30 || (a % 2 == 0 && k > 7))) break;
            acc += ((k < b && (c > 3 || d < 9)) || (k > 8 && a % 3 != 0) || acc == 7) ? k * 3 + 1 : 2;
        }
        if (!(b > 3 || c > 8) && (d > 5 || (a % 4 == 1 && (c == 2 || b == 0)))) return; // out[i] keeps its poison
        if ((b == 2 && (c > 5 || d < 0)) || (a < -20 && c != 0) || (b == 6 && c == 6 && d > 10)) {
            out.set(i, r + 1000 + acc);
            return;
        }
        out.set(i, r - acc * 1000);
    }

    /**
     * An if whose arms are a double % (the device library's remainder, with its loop) and a chain of && and ||
     * whose short-circuit branches cross, meeting at a tail with a barrier (the shape of kernel k106 of the
     * JIT fuzzer, seed 500, which the SPIR-V structurer once refused). Work-groups of 64.
     */
    @Kernel
    public static void remainderOrChainBeforeBarrier(KernelContext ctx, IntArray ints, FloatArray floats, IntArray marks, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        int b = ints.get(2 * gid), c = ints.get(2 * gid + 1);
        double d = floats.get(gid);
        if (d > 3) {
            d = d % 7.0;
        } else {
            if ((b > 0 && c > 0) || (c < 0 && (b == -1 || b == 64))) marks.set(gid, 5);
        }
        loc[lid] = (int) (d * 100);
        ctx.localBarrier();
        out.set(gid, loc[(lid + 16) & 63]);
    }

    /**
     * A return at the end of an || chain two ifs deep, then a tail too long to copy per arm at first (the shape of
     * kernel k112 of the JIT fuzzer, seed 500, which the SPIR-V structurer once refused). Eight outputs per work-item.
     */
    @Kernel
    public static void returnInNestedChainBeforeLongTail(KernelContext ctx, IntArray ints, FloatArray floats, IntArray out) {
        int i = ctx.globalIdx;
        int a = ints.get(3 * i), b = ints.get(3 * i + 1);
        long l = ((long) ints.get(3 * i + 2) << 32) | (a & 0xffffffffL);
        float f = floats.get(i);
        if (f != f) {
            if (-f != Float.intBitsToFloat(a & 0x7f7fffff | 0x00800000)) {
                if (b != a || 2654435761L < l) return;
            }
            out.set(8 * i + 7, 11);
        }
        float t = Math.min(2.1474836E9f - Float.intBitsToFloat(b & 0x7f7fffff | 0x00800000), Math.max(Math.abs(0.0f), f));
        out.set(8 * i, t != t ? 0x7fc00000 : Float.floatToRawIntBits(t));
        float u = Math.max(Math.min(f, 3.5f) * 0.25f, Math.min(-f, Float.intBitsToFloat(a & 0x7f7fffff | 0x00800000)));
        out.set(8 * i + 3, u != u ? 0x7fc00000 : Float.floatToRawIntBits(u));
        long m = l & 0xff00ff00ff00L;
        out.set(8 * i + 1, (int) m);
        out.set(8 * i + 2, (int) (m >>> 32));
        out.set(8 * i + 4, 1);
    }
}
