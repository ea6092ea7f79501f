package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.testing.Unchecked;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.runtime.Compilation;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.HalfArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.api.arrays.NativeArray;
import dev.mamba2j.tornado.emit.KernelCode.Language;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs sample kernels through the JIT on an OpenCL device (PoCL on a CPU is enough) and on the
 * JVM, and compares every array: bit for bit where Java semantics are exact, within a few ulps
 * where device math functions are allowed to differ. Skipped without an OpenCL platform.
 */
@ExtendWith(Unchecked.class) // the plain code: its shape, or its arguments bound by hand
class OpenClExecutionTest {
    /** Floats that exercise conversions, NaN compares, fp16/bf16 rounding and saturation. */
    static final float[] SPECIAL = {0f, -0f, 1f, -1f, 0.5f, -2.5f, 2.5f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 3e9f, -3e9f, 1e20f, -1e20f, 1e-40f, Float.MAX_VALUE, Float.MIN_VALUE, 65504f, 70000f,
            1.00390625f, 1.01171875f, 3.4e38f, 1e-3f, 7.9f, -0.75f, 100.5f, 12f, 16f};
    static final int[] SPECIAL_INTS = {1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 31, 32, 33, -32, 7, 100, 5000, -7, 65535, 65536, -129};

    record Case(String kernel, Supplier<Object[]> args, int[] global, int[] local, int ulps) {}

    static FloatArray floats(long seed, int n, boolean special, float scale) {
        SplittableRandom r = new SplittableRandom(seed);
        FloatArray a = new FloatArray(n);
        for (int i = 0; i < n; i++)
            a.set(i, special && i < SPECIAL.length ? SPECIAL[i] : (float) ((r.nextDouble() * 2 - 1) * scale));
        return a;
    }

    static FloatArray positive(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        FloatArray a = new FloatArray(n);
        for (int i = 0; i < n; i++) a.set(i, (float) (0.01 + r.nextDouble() * 40));
        return a;
    }

    static final int D = SampleKernels.D_STATE;

    static FloatArray negative(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        FloatArray a = new FloatArray(n);
        for (int i = 0; i < n; i++) a.set(i, (float) -(0.1 + r.nextDouble() * 2));
        return a;
    }

    static IntArray ints(long seed, int n, boolean nonZero) {
        SplittableRandom r = new SplittableRandom(seed);
        IntArray a = new IntArray(n);
        for (int i = 0; i < n; i++) {
            int v = i < SPECIAL_INTS.length ? SPECIAL_INTS[i] : r.nextInt();
            a.set(i, nonZero && v == 0 ? 3 : v);
        }
        return a;
    }

    static HalfArray halves(long seed, int n) {
        HalfArray h = new HalfArray(n);
        FloatArray f = floats(seed, n, true, 1000f);
        for (int i = 0; i < n; i++) h.set(i, f.get(i));
        return h;
    }

    static BFloat16Array bf16s(long seed, int n) {
        BFloat16Array b = new BFloat16Array(n);
        FloatArray f = floats(seed, n, true, 1000f);
        for (int i = 0; i < n; i++) b.set(i, f.get(i));
        return b;
    }

    static final KernelContext CTX = new KernelContext();

    static List<Case> cases() {
        int n = 256;
        int[] g = {n}, l = {64};
        return List.of(
                new Case("addFloat", () -> new Object[] {CTX, floats(1, n, true, 10), floats(2, n, false, 10), new FloatArray(n), 250}, g, l, 0),
                new Case("intOps", () -> new Object[] {CTX, ints(3, n, false), ints(4, n, true), new IntArray(n)}, g, l, 0),
                new Case("longAndDouble", () -> new Object[] {CTX, floats(5, n, false, 100), new FloatArray(n), 0x9E3779B97F4A7C15L, 0.37}, g, l, 0),
                new Case("casts", () -> new Object[] {CTX, floats(6, n, true, 1e10f), ints(7, n, false), new FloatArray(n)}, g, l, 0),
                new Case("math", () -> new Object[] {CTX, floats(8, n, true, 5), new FloatArray(n)}, g, l, 16),
                new Case("doubleMath", () -> new Object[] {CTX, floats(9, n, false, 5), new FloatArray(n)}, g, l, 1),
                new Case("loops", () -> new Object[] {CTX, floats(10, n * 8, false, 150), new FloatArray(n), n, 8}, g, l, 0),
                new Case("ternaryAndLogic", () -> new Object[] {CTX, floats(11, n, true, 20), new IntArray(n), new FloatArray(n), false}, g, l, 0),
                new Case("ternaryAndLogic", () -> new Object[] {CTX, floats(12, n, true, 20), new IntArray(n), new FloatArray(n), true}, g, l, 0),
                new Case("reduce", () -> new Object[] {CTX, floats(13, 500, false, 1), new FloatArray(2)}, new int[] {512}, new int[] {256}, 0),
                new Case("prefixSum", () -> new Object[] {CTX, ints(14, 64, false), 64}, new int[] {64}, new int[] {64}, 0),
                new Case("matmulTiled", () -> new Object[] {CTX, floats(15, 40 * 40, false, 1), floats(16, 40 * 40, false, 1), new FloatArray(40 * 40), 40},
                        new int[] {48, 48}, new int[] {16, 16}, 0),
                new Case("helpers", () -> new Object[] {CTX, floats(17, n, false, 30), new FloatArray(n), n}, g, l, 8),
                new Case("twelveParams", () -> new Object[] {CTX, floats(18, n, true, 100), floats(19, n, false, 100), floats(20, n, false, 100),
                        new FloatArray(n), new IntArray(n), new HalfArray(n), new BFloat16Array(n), 200, 1L << 40, 1.5f, -0.25, true}, g, l, 0),
                new Case("ids3d", () -> new Object[] {CTX, new IntArray(64)}, new int[] {8, 4, 2}, new int[] {4, 2, 1}, 0),
                new Case("halfAndBf16", () -> new Object[] {CTX, halves(21, n), bf16s(22, n), new FloatArray(n)}, g, l, 0),
                new Case("atomics", () -> new Object[] {CTX, new IntArray(16), new FloatArray(2), positive(23, n)}, g, l, -1),
                new Case("switches", () -> new Object[] {CTX, ints(24, n, false)}, g, l, 0),
                new Case("rmsNorm", () -> new Object[] {CTX, floats(25, 64 * 20, false, 3), floats(26, 20, false, 1), new FloatArray(64 * 20), 20},
                        new int[] {64}, new int[] {64}, 0),
                new Case("privateSpecialised", () -> new Object[] {CTX, floats(27, n, false, 100), 8}, g, l, 0),
                new Case("compares", () -> new Object[] {CTX, floats(28, SPECIAL.length, true, 1), new IntArray(SPECIAL.length * SPECIAL.length)},
                        new int[] {SPECIAL.length * SPECIAL.length}, new int[] {SPECIAL.length}, 0),
                new Case("intEdges", () -> new Object[] {CTX, ints(29, n, false), ints(30, n, false), new IntArray(n)}, g, l, 0),
                new Case("selectiveScan", () -> new Object[] {CTX, floats(31, 32 * 64, false, 1), floats(32, 32 * 64, false, 2),
                        negative(33, 64 * D), floats(34, 32 * D, false, 1), floats(35, 32 * D, false, 1), floats(36, 64, false, 1),
                        new FloatArray(32 * 64), 32, 64}, new int[] {64}, new int[] {32}, -1),
                new Case("step", () -> new Object[] {CTX, floats(37, n, true, 1)}, g, l, 0),
                new Case("edgeConstants", () -> new Object[] {CTX, new FloatArray(4), new IntArray(4)}, new int[] {1}, new int[] {1}, 0));
    }

    @TestFactory
    Stream<DynamicTest> deviceMatchesJava() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.kernel(), () -> {
            Assumptions.assumeTrue(ClRunner.unavailable() == null, () -> "no OpenCL device: " + ClRunner.unavailable());
            check(c);
        }));
    }

    @Test
    void integerDivisionByZeroGivesZero() throws Throwable {
        Assumptions.assumeTrue(ClRunner.unavailable() == null, () -> "no OpenCL device: " + ClRunner.unavailable());
        IntArray a = IntArray.fromArray(new int[] {7, -7, Integer.MIN_VALUE, Integer.MIN_VALUE, 9});
        IntArray b = IntArray.fromArray(new int[] {0, 0, -1, 0, -4});
        IntArray q = new IntArray(5), r = new IntArray(5);
        Object[] args = {CTX, a, b, q, r};
        ClRunner.run(Compilation.compile(KernelJitTest.kernel("divide"), args, OpenClPrinter.PORTABLE).code(), args, new long[] {5}, new long[] {1});
        assertEquals(Arrays.toString(new int[] {0, 0, Integer.MIN_VALUE, 0, -2}), Arrays.toString(q.toHeapArray()));
        assertEquals(Arrays.toString(new int[] {0, 0, 0, 0, 1}), Arrays.toString(r.toHeapArray()));
    }

    /** Runs every case on the OpenCL platform named by -Djit.test.platform (for a GPU machine without Maven). */
    public static void main(String[] args) {
        if (ClRunner.unavailable() != null) throw new IllegalStateException(ClRunner.unavailable());
        System.out.println("device: " + ClRunner.deviceName());
        int failed = 0;
        for (Case c : cases()) {
            try {
                check(c);
                System.out.println("PASS " + c.kernel());
            } catch (Throwable t) {
                failed++;
                System.out.println("FAIL " + c.kernel() + ": " + t);
            }
        }
        System.out.println(failed == 0 ? "all passed" : failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    static void check(Case c) throws Throwable {
        var m = KernelJitTest.kernel(c.kernel());
        Object[] javaArgs = c.args().get(), deviceArgs = c.args().get();
        JavaRunner.run(m, javaArgs, c.global(), c.local());
        KernelCode k = Compilation.compile(m, deviceArgs, OpenClPrinter.PORTABLE).code();
        ClRunner.run(k, deviceArgs, Arrays.stream(c.global()).asLongStream().toArray(), Arrays.stream(c.local()).asLongStream().toArray());
        for (int i = 0; i < javaArgs.length; i++)
            if (javaArgs[i] instanceof NativeArray a) compare(c, i, a, (NativeArray) deviceArgs[i]);
    }

    private static void compare(Case c, int param, NativeArray java, NativeArray device) {
        for (int i = 0; i < java.getSize(); i++) {
            String where = c.kernel() + " param " + param + " [" + i + "]";
            switch (java) {
                case IntArray j -> assertEquals(j.get(i), ((IntArray) device).get(i), where);
                case HalfArray j -> assertEquals(j.getRaw(i), ((HalfArray) device).getRaw(i), where);
                case BFloat16Array j -> assertEquals(j.getRaw(i), ((BFloat16Array) device).getRaw(i), where);
                case FloatArray j -> close(j.get(i), ((FloatArray) device).get(i), c.ulps(), where);
            }
        }
    }

    /**
     * Equal bits (any NaN matches any NaN), or within ulps; ulps < 0 means within 1e-5, relative above 1
     * (order-dependent sums, long recurrences of approximate exp).
     */
    private static void close(float expected, float actual, int ulps, String where) {
        if (Float.isNaN(expected) && Float.isNaN(actual)) return;
        if (Float.floatToIntBits(expected) == Float.floatToIntBits(actual)) return;
        if (ulps < 0 && Math.abs(expected - actual) <= 1e-5 * Math.max(1, Math.abs(expected))) return;
        if (ulps > 0 && Math.abs(expected - actual) <= ulps * Math.ulp(expected)) return;
        fail(where + ": expected " + expected + " but device gave " + actual);
    }
}
