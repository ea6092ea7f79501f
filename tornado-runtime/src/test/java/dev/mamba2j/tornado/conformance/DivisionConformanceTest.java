package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.driver.vulkan.VulkanDevice;
import dev.mamba2j.tornado.runtime.DeviceRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.conformance.Conformance.grid1D;
import static dev.mamba2j.tornado.conformance.Conformance.runOnce;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * float and double division correctly rounded, as Java's, on every device: quotients of random operands
 * across the exponent range, x / x, operands near 1 and near powers of two, and the special values. A
 * device that may flush subnormals (Vulkan without DenormPreserve) may give a zero of the right sign
 * where Java's quotient is subnormal; any NaN stands for any other.
 */
class DivisionConformanceTest {
    private static final float[] EDGE_FLOATS = {0f, -0f, 1f, -1f, 3f, 0.1f, Float.MAX_VALUE, Float.MIN_NORMAL, 0x1p127f, 0x1p-120f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 16777215f, 1e30f, 7e-30f};

    @ParameterizedTest @MethodSource(ElementwiseConformanceTest.DEVICES)
    void floatAndDoubleQuotientsAreCorrectlyRounded(String device) {
        SplittableRandom r = new SplittableRandom(17);
        List<float[]> floats = new ArrayList<>();
        List<double[]> doubles = new ArrayList<>();
        for (float x : EDGE_FLOATS) for (float y : EDGE_FLOATS) {
            floats.add(new float[] {x, y});
            doubles.add(new double[] {x * 0x1p500, y});
        }
        for (int i = 0; i < 3000; i++) {
            float x = randomFloat(r, 60), y = i % 4 == 0 ? x : i % 4 == 1 ? Math.nextUp(1f) * randomFloat(r, 2) : randomFloat(r, 60);
            floats.add(new float[] {x, y});
            double p = randomDouble(r, 900), q = i % 4 == 0 ? p : i % 4 == 1 ? Math.scalb(1 + r.nextDouble() * 0x1p-40, r.nextInt(-8, 8)) : randomDouble(r, 400);
            doubles.add(new double[] {p, q});
        }
        int n = floats.size();
        int[] a = new int[n * ConformanceKernels.DIVISIONS], b = new int[a.length];
        for (int i = 0; i < n; i++) {
            int o = i * ConformanceKernels.DIVISIONS;
            a[o] = Float.floatToRawIntBits(floats.get(i)[0]);
            b[o] = Float.floatToRawIntBits(floats.get(i)[1]);
            long p = Double.doubleToRawLongBits(doubles.get(i)[0]), q = Double.doubleToRawLongBits(doubles.get(i)[1]);
            a[o + 1] = (int) p;
            a[o + 2] = (int) (p >>> 32);
            b[o + 1] = (int) q;
            b[o + 2] = (int) (q >>> 32);
        }
        IntArray ia = IntArray.fromArray(a), ib = IntArray.fromArray(b), out = new IntArray(a.length);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, ia, ib)
                .task("k", ConformanceKernels::divisions, new KernelContext(), ia, ib, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        boolean mayFlush = DeviceRegistry.get(device) instanceof VulkanDevice v && !v.floatControls().keepsSubnormals();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int o = i * ConformanceKernels.DIVISIONS;
            float x = floats.get(i)[0], y = floats.get(i)[1], fe = x / y, fa = Float.intBitsToFloat(out.get(o));
            if (!same(fe, fa, mayFlush && Math.abs(fe) < Float.MIN_NORMAL))
                wrong.add(x + " / " + y + " = " + fe + " (" + Integer.toHexString(Float.floatToRawIntBits(fe)) + "), device "
                        + fa + " (" + Integer.toHexString(out.get(o)) + ")");
            double p = doubles.get(i)[0], q = doubles.get(i)[1], de = p / q;
            double da = Double.longBitsToDouble(((long) out.get(o + 2) << 32) | (out.get(o + 1) & 0xffffffffL));
            if (!same(de, da, mayFlush && Math.abs(de) < Double.MIN_NORMAL))
                wrong.add(p + " / " + q + " = " + de + ", device " + da);
        }
        if (!wrong.isEmpty())
            fail(wrong.size() + " of " + 2 * n + " quotients differ from Java's on " + device + ", e.g.:\n  "
                    + String.join("\n  ", wrong.subList(0, Math.min(12, wrong.size()))));
    }

    /** Sign, exponent within ±{@code range}, random significand. */
    private static float randomFloat(SplittableRandom r, int range) {
        return Math.scalb((r.nextBoolean() ? 1f : -1f) * (1 + r.nextFloat()), r.nextInt(-range, range + 1));
    }

    private static double randomDouble(SplittableRandom r, int range) {
        return Math.scalb((r.nextBoolean() ? 1.0 : -1.0) * (1 + r.nextDouble()), r.nextInt(-range, range + 1));
    }

    private static boolean same(double expected, double actual, boolean flushable) {
        if (Double.isNaN(expected)) return Double.isNaN(actual);
        if (Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual)) return true;
        return flushable && actual == 0 && Math.copySign(1.0, actual) == Math.copySign(1.0, expected);
    }
}
