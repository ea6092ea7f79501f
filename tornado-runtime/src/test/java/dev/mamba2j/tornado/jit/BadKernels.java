package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

import java.util.ArrayList;

/** One kernel per construct the JIT refuses; the offending line carries the marker comment "refused". */
@SuppressWarnings("all")
public final class BadKernels {
    static int counter;
    static final Object LOCK = new Object();

    private BadKernels() {}

    @Kernel
    public static void objectAllocation(KernelContext ctx, FloatArray a) {
        ArrayList<Float> list = new ArrayList<>(); // refused
        a.set(0, list.size());
    }

    @Kernel
    public static void exceptionThrow(KernelContext ctx, FloatArray a, int n) {
        if (n < 0) throw new IllegalArgumentException(); // refused
        a.set(0, n);
    }

    @Kernel
    public static void tryCatch(KernelContext ctx, FloatArray a, int n) {
        try {
            a.set(0, 1f / n); // refused
        } catch (RuntimeException e) {
            a.set(0, 0f);
        }
    }

    @Kernel
    public static void monitor(KernelContext ctx, FloatArray a) {
        synchronized (ctx) { // refused
            a.set(0, 1f);
        }
    }

    @Kernel
    public static void virtualCall(KernelContext ctx, FloatArray a) {
        float[] p = new float[4];
        float[] q = p.clone(); // refused
        a.set(0, q[0]);
    }

    @Kernel
    public static void lambda(KernelContext ctx, FloatArray a) {
        Runnable r = () -> a.set(0, 1f); // refused
        a.set(1, 2f);
    }

    @Kernel
    public static void stringConstant(KernelContext ctx, FloatArray a) {
        String s = "kernel"; // refused
        a.set(0, 1f);
    }

    @Kernel
    public static void nonFinalStatic(KernelContext ctx, FloatArray a) {
        a.set(0, counter); // refused
    }

    @Kernel
    public static void staticWrite(KernelContext ctx, FloatArray a) {
        a.set(0, 1f);
        counter = 2; // refused
    }

    @Kernel
    public static void objectStatic(KernelContext ctx, FloatArray a) {
        a.set(0, LOCK.hashCode()); // refused
    }

    @Kernel
    public static void heapArrayParam(KernelContext ctx, float[] a) {
        a[0] = 1f; // refused
    }

    @Kernel
    public static void objectParam(KernelContext ctx, FloatArray a, String name) {
        a.set(0, 1f); // refused
    }

    static int fact(int n) {
        return n <= 1 ? 1 : n * fact(n - 1); // refused
    }

    @Kernel
    public static void recursion(KernelContext ctx, FloatArray a) {
        a.set(0, fact(5));
    }

    @Kernel
    public void nonStatic(KernelContext ctx, FloatArray a) {
        a.set(0, 1f); // refused
    }

    @Kernel
    public static int returnsValue(KernelContext ctx, FloatArray a) {
        a.set(0, 1f); // refused
        return 0;
    }

    @Kernel
    public static void arrayChosenAtRunTime(KernelContext ctx, FloatArray a, boolean first) {
        float[] x = ctx.allocateFloatLocalArray(8), y = ctx.allocateFloatLocalArray(8);
        float[] pick = first ? x : y; // refused
        a.set(0, pick[0]);
    }

    @Kernel
    public static void nullReference(KernelContext ctx, FloatArray a) {
        FloatArray b = null; // refused
        a.set(0, 1f);
    }

    @Kernel
    public static void unsupportedMath(KernelContext ctx, FloatArray a) {
        a.set(0, (float) Math.atan2(a.get(1), a.get(2))); // refused
    }

    @Kernel
    public static void unsupportedLibraryCall(KernelContext ctx, FloatArray a) {
        a.set(0, Integer.bitCount(ctx.globalIdx)); // refused
    }

    @Kernel
    public static void localSizeNotConstant(KernelContext ctx, FloatArray a) {
        float[] t = ctx.allocateFloatLocalArray(a.getSize()); // refused
        t[0] = 1f;
        a.set(0, t[0]);
    }

    /** The size's variable takes the slot javac freed when the loop's i went out of scope: two variables in one slot. */
    @Kernel
    public static void localSizeSharesASlot(KernelContext ctx, FloatArray a, int n) {
        for (int i = ctx.localIdx; i < n; i += ctx.localGroupSizeX) a.set(i, 0f);
        int size = n * 2;
        float[] t = ctx.allocateFloatLocalArray(size); // refused
        t[ctx.localIdx] = 1f;
        a.set(ctx.localIdx, t[ctx.localIdx]);
    }
}
