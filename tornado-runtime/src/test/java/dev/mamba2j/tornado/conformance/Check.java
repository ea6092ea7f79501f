package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

import static org.junit.jupiter.api.Assertions.fail;

/** Comparisons: exact for integers, within a stated number of ulps for floats (NaN matches only NaN). */
final class Check {
    static final int POISON_INT = 0xDEADBEEF;

    private Check() {}

    static void poison(FloatArray a) { a.init(Float.NaN); }

    static void poison(IntArray a) { a.init(POISON_INT); }

    /** Distance in ulps between two floats; 0 when both are NaN, MAX_VALUE when only one is. */
    static long ulps(float expected, float actual) {
        if (Float.isNaN(expected) || Float.isNaN(actual)) return Float.isNaN(expected) && Float.isNaN(actual) ? 0 : Long.MAX_VALUE;
        return Math.abs(ordered(expected) - ordered(actual));
    }

    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    static void ints(String what, int[] expected, IntArray actual) {
        for (int i = 0; i < expected.length; i++)
            if (expected[i] != actual.get(i))
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + actual.get(i));
    }

    static void floats(String what, float[] expected, FloatArray actual, int maxUlps) {
        for (int i = 0; i < expected.length; i++) floatAt(what + ": element " + i, expected[i], actual.get(i), maxUlps);
    }

    static void floatAt(String what, float expected, float actual, int maxUlps) {
        if (ulps(expected, actual) > maxUlps)
            fail(what + " expected " + expected + " but was " + actual + " (" + ulps(expected, actual) + " ulps, allowed " + maxUlps + ")");
    }
}
