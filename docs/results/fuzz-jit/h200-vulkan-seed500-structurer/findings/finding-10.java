// vulkan:0: work-item 0 slot 2: 0xfff80000, Java 0x7ff80000
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    static double k196_h1(int a, int b) { return ((Math.ceil(Double.NEGATIVE_INFINITY) + (-2.5 + Double.POSITIVE_INFINITY)) * Math.max((-0.0 * 1.0E-300 + 1.0), ((0.0f == -0.0f) ? Double.NaN : 2147483647.5)) + ((0.0 % Double.MAX_VALUE) % (2147483647.5 - Double.POSITIVE_INFINITY))); }
    @Kernel public static void k196(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 3) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 1) * -2.5;
            if ((l0 > l0)) {
                } else {
                d0 = k196_h1(Math.abs(((Math.abs(f0) + 1.0f) != (Math.abs(f0) + 1.0f) ? 0x7fc00000 : Float.floatToRawIntBits(Math.abs(f0) + 1.0f))), ((-33 - i1) & i0));
                if (((l0 > Long.MIN_VALUE) || (i0 <= i1))) {
                    { double t13 = -(d0); long b14 = t13 != t13 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t13); out.set(gid * 16 + 1, (int) b14); out.set(gid * 16 + 1 + 1, (int) (b14 >>> 32)); }
                    } else {
                }
            }
            loc[lid] = 31;
            locf[lid] = (float) Math.floor(((((9.223372E18f >= f0) || !(0.1 > d0)) && (l0 != l0)) ? (float) d0 : (16777217.0f * f0)));
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 3);
            int i1 = ia.get(gid * 8 + 1);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 5) * -2.5;
            int i2 = loc[(lid + 6) & 63];
            float f1 = locf[(lid * 1) & 63];
            if ((((Long.MIN_VALUE <= 64L) && (i2 > i2)) || !(i0 < Integer.MIN_VALUE))) {
                l0 = -(Math.abs((64L / (l0 | 1L))));
                } else {
            }
            { long t23 = l0; out.set(gid * 16 + 14, (int) t23); out.set(gid * 16 + 14 + 1, (int) (t23 >>> 32)); }
        }
    }
    public static void k196_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 3) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 1) * -2.5;
            if ((l0 > l0)) {
                } else {
                d0 = k196_h1(Math.abs(((Math.abs(f0) + 1.0f) != (Math.abs(f0) + 1.0f) ? 0x7fc00000 : Float.floatToRawIntBits(Math.abs(f0) + 1.0f))), ((-33 - i1) & i0));
                if (((l0 > Long.MIN_VALUE) || (i0 <= i1))) {
                    { double t13 = -(d0); long b14 = t13 != t13 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t13); out.set(gid * 16 + 1, (int) b14); out.set(gid * 16 + 1 + 1, (int) (b14 >>> 32)); }
                    } else {
                }
            }
            loc[lid] = 31;
            locf[lid] = (float) Math.floor(((((9.223372E18f >= f0) || !(0.1 > d0)) && (l0 != l0)) ? (float) d0 : (16777217.0f * f0)));
        }
    }
    public static void k196_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 3);
            int i1 = ia.get(gid * 8 + 1);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 5) * -2.5;
            int i2 = loc[(lid + 6) & 63];
            float f1 = locf[(lid * 1) & 63];
            if ((((Long.MIN_VALUE <= 64L) && (i2 > i2)) || !(i0 < Integer.MIN_VALUE))) {
                l0 = -(Math.abs((64L / (l0 | 1L))));
                } else {
            }
            { long t23 = l0; out.set(gid * 16 + 14, (int) t23); out.set(gid * 16 + 14 + 1, (int) (t23 >>> 32)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k196_task() { return Repro::k196; }
}
