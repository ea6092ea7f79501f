package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/** Kernels that call every function the device math library provides, for {@link LibraryOnOpenClTest}. */
public final class LibraryKernels {
    private LibraryKernels() {}

    public static final int DOUBLES = 9;

    /** Double functions of x (given as (low, high) int pairs), stored as pairs: exp, log, tanh, sin, cos, pow twice, % twice. */
    @Kernel
    public static void doubles(KernelContext ctx, IntArray in, IntArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        double x = Double.longBitsToDouble(((long) in.get(2 * i + 1) << 32) | (in.get(2 * i) & 0xffffffffL));
        double y = Double.longBitsToDouble(((long) in.get(2 * (n - 1 - i) + 1) << 32) | (in.get(2 * (n - 1 - i)) & 0xffffffffL));
        int o = 2 * DOUBLES * i;
        store(out, o, Math.exp(x));
        store(out, o + 2, Math.log(x));
        store(out, o + 4, Math.tanh(x));
        store(out, o + 6, Math.sin(x));
        store(out, o + 8, Math.cos(x));
        store(out, o + 10, Math.pow(x, 0.5));
        store(out, o + 12, Math.pow(x, y));
        store(out, o + 14, x % 3.0);
        store(out, o + 16, x % y);
    }

    static void store(IntArray out, int at, double v) {
        long bits = Double.doubleToRawLongBits(v);
        out.set(at, (int) bits);
        out.set(at + 1, (int) (bits >>> 32));
    }

    public static final int FLOATS = 9;

    /** Float functions of x: exp, log, tanh (the fast paths), sin, cos, pow twice, % twice. */
    @Kernel
    public static void floats(KernelContext ctx, FloatArray in, FloatArray out, int n) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        float x = in.get(i), y = in.get(n - 1 - i);
        int o = FLOATS * i;
        out.set(o, (float) Math.exp(x));
        out.set(o + 1, (float) Math.log(x));
        out.set(o + 2, (float) Math.tanh(x));
        out.set(o + 3, (float) Math.sin(x));
        out.set(o + 4, (float) Math.cos(x));
        out.set(o + 5, (float) Math.pow(x, 2.5));
        out.set(o + 6, (float) Math.pow(x, y));
        out.set(o + 7, x % 1.5f);
        out.set(o + 8, x % y);
    }
}
