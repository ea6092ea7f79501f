// vulkan:0: work-item 0 slot 11: 0x0, Java 0x20
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k259(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 6);
            double d0 = (double) fa.get(gid * 8 + 4) * Double.MAX_VALUE;
            d0 += (((Double.NaN * -2.5) - (1.0 * 1.0E-300 + d0)) * d0);
            if ((Math.abs(-1) < (((i1 > i1) || (-2.5 != Double.MAX_VALUE)) ? i0 : i0))) {
                i1 = (i1 / ((int) (d0 - d0) | 1));
                } else {
            }
            loc[lid] = i1;
            locf[lid] = (f0 * f0 + ((float) d0 / (f0 + f0)));
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 3);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 6) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 7) * 0.1;
            int i2 = loc[(lid + 18) & 63];
            float f1 = locf[(lid * 11) & 63];
            { long t1 = ((d0 <= Double.MIN_NORMAL) ? ((l0 & l0) * (long) i2) : (l0 >> i2)); out.set(gid * 16 + 11, (int) t1); out.set(gid * 16 + 11 + 1, (int) (t1 >>> 32)); }
        }
    }
    public static void k259_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 6);
            double d0 = (double) fa.get(gid * 8 + 4) * Double.MAX_VALUE;
            d0 += (((Double.NaN * -2.5) - (1.0 * 1.0E-300 + d0)) * d0);
            if ((Math.abs(-1) < (((i1 > i1) || (-2.5 != Double.MAX_VALUE)) ? i0 : i0))) {
                i1 = (i1 / ((int) (d0 - d0) | 1));
                } else {
            }
            loc[lid] = i1;
            locf[lid] = (f0 * f0 + ((float) d0 / (f0 + f0)));
        }
    }
    public static void k259_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 3);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 6) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 7) * 0.1;
            int i2 = loc[(lid + 18) & 63];
            float f1 = locf[(lid * 11) & 63];
            { long t1 = ((d0 <= Double.MIN_NORMAL) ? ((l0 & l0) * (long) i2) : (l0 >> i2)); out.set(gid * 16 + 11, (int) t1); out.set(gid * 16 + 11 + 1, (int) (t1 >>> 32)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k259_task() { return Repro::k259; }
}
