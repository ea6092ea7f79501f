// vulkan:0: work-item 0 slot 14: 0xfff80000, Java 0x7ff80000
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k52(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 7) * Double.NaN;
            loc[lid] = (i1 << (0 | (i1 | i1)));
            locf[lid] = Float.intBitsToFloat(~((i0 % (i1 | 1))) & 0x7f7fffff | 0x00800000);
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 7);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 2) * Double.NaN;
            int i2 = loc[(lid + 53) & 63];
            float f1 = locf[(lid * 3) & 63];
            { double t10 = (Double.MIN_NORMAL * ((d0 >= d0) ? (double) 2.1474836E9f : Math.copySign(d0, (-0.0 != -0.0 ? 1.0 : -0.0)))); long b11 = t10 != t10 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t10); out.set(gid * 16 + 13, (int) b11); out.set(gid * 16 + 13 + 1, (int) (b11 >>> 32)); }
        }
    }
    public static void k52_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 7) * Double.NaN;
            loc[lid] = (i1 << (0 | (i1 | i1)));
            locf[lid] = Float.intBitsToFloat(~((i0 % (i1 | 1))) & 0x7f7fffff | 0x00800000);
        }
    }
    public static void k52_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 7);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 2) * Double.NaN;
            int i2 = loc[(lid + 53) & 63];
            float f1 = locf[(lid * 3) & 63];
            { double t10 = (Double.MIN_NORMAL * ((d0 >= d0) ? (double) 2.1474836E9f : Math.copySign(d0, (-0.0 != -0.0 ? 1.0 : -0.0)))); long b11 = t10 != t10 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t10); out.set(gid * 16 + 13, (int) b11); out.set(gid * 16 + 13 + 1, (int) (b11 >>> 32)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k52_task() { return Repro::k52; }
}
