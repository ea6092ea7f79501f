package dev.mamba2j.tornado.api;

import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.foreign.ValueLayout;

/** Host implementations of the kernel atomics (the JVM driver's semantics of KernelContext.atomicAdd). */
final class Atomics {
    private static final VarHandle INT = ValueLayout.JAVA_INT.arrayElementVarHandle();
    private static final VarHandle LOCAL_INT = MethodHandles.arrayElementVarHandle(int[].class);

    private Atomics() {}

    static int addInt(IntArray array, int index, int value) {
        return (int) INT.getAndAdd(array.getSegment(), 0L, (long) index, value);
    }

    static float addFloat(FloatArray array, int index, float value) {
        while (true) {
            int old = (int) INT.getVolatile(array.getSegment(), 0L, (long) index);
            int updated = Float.floatToRawIntBits(Float.intBitsToFloat(old) + value);
            if (INT.compareAndSet(array.getSegment(), 0L, (long) index, old, updated)) return Float.intBitsToFloat(old);
        }
    }

    static int addLocalInt(int[] array, int index, int value) {
        return (int) LOCAL_INT.getAndAdd(array, index, value);
    }
}
