// opencl:0:0: work-item 0 slot 0: 0x5a5a5a5a, Java 0x0
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    static double k221_h0(long a, int b) { if ((-2.1474836E9f >= 9.223372E18f)) return Math.copySign((-2.5 * -2.5), (0.0 - 1.0E-300)); double r = ((b >= b) ? (9.2233720368547758E18 / 1.0) : Math.abs(2147483647.5)); return r; }
    @Kernel public static void k221(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 6);
            int i1 = ia.get(gid * 8 + 7);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 4) * -2147483648.5;
            d0 = k221_h0(l0, ((i0 / (Integer.MIN_VALUE | 1)) & (i1 + i1)));
            { double t8 = (((((l0 > 0L) || (((0.0f == Float.NaN) || (64L == l0)) || (d0 > -2.5))) && ((l0 >= l0) && (f0 > f0))) || !(0.1 >= Double.MAX_VALUE)) ? (-(d0) * Math.rint(d0)) : ((d0 / d0) + (d0 * d0))); long b9 = t8 != t8 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t8); out.set(gid * 16 + 0, (int) b9); out.set(gid * 16 + 0 + 1, (int) (b9 >>> 32)); }
            loc[lid] = ~((Math.min(i0, 2) >> (l0 == 0L ? 1 : 31)));
            locf[lid] = (float) Math.floor(Math.max(1.0f, (f0 * f0 + f0)));
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 4);
            long l0 = ((long) ia.get(gid * 8 + 6) << 32) | (ia.get(gid * 8 + 1) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 1);
            double d0 = (double) fa.get(gid * 8 + 5) * 4.9E-324;
            int i2 = loc[(lid + 7) & 63];
            float f1 = locf[(lid * 7) & 63];
        }
    }
    public static void k221_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 6);
            int i1 = ia.get(gid * 8 + 7);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 4) * -2147483648.5;
            d0 = k221_h0(l0, ((i0 / (Integer.MIN_VALUE | 1)) & (i1 + i1)));
            { double t8 = (((((l0 > 0L) || (((0.0f == Float.NaN) || (64L == l0)) || (d0 > -2.5))) && ((l0 >= l0) && (f0 > f0))) || !(0.1 >= Double.MAX_VALUE)) ? (-(d0) * Math.rint(d0)) : ((d0 / d0) + (d0 * d0))); long b9 = t8 != t8 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t8); out.set(gid * 16 + 0, (int) b9); out.set(gid * 16 + 0 + 1, (int) (b9 >>> 32)); }
            loc[lid] = ~((Math.min(i0, 2) >> (l0 == 0L ? 1 : 31)));
            locf[lid] = (float) Math.floor(Math.max(1.0f, (f0 * f0 + f0)));
        }
    }
    public static void k221_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 4);
            long l0 = ((long) ia.get(gid * 8 + 6) << 32) | (ia.get(gid * 8 + 1) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 1);
            double d0 = (double) fa.get(gid * 8 + 5) * 4.9E-324;
            int i2 = loc[(lid + 7) & 63];
            float f1 = locf[(lid * 7) & 63];
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k221_task() { return Repro::k221; }
}
