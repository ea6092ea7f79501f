// opencl:0:0: work-item 4 slot 7: 0xbff00000, Java 0x3ff00000
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k223(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 4);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 3);
            double d0 = (double) fa.get(gid * 8 + 2) * Double.POSITIVE_INFINITY;
            for (int k0 = 0; k0 < 4; k0++) {
                { double t2 = (9.2233720368547758E18 / Math.copySign(Math.max(Double.NEGATIVE_INFINITY, 9.2233720368547758E18), -(d0))); long b3 = t2 != t2 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t2); out.set(gid * 16 + 6, (int) b3); out.set(gid * 16 + 6 + 1, (int) (b3 >>> 32)); }
            }
            loc[lid] = (((Math.abs((f0 / f0)) + 1.0f) != (Math.abs((f0 / f0)) + 1.0f) ? 0x7fc00000 : Float.floatToRawIntBits(Math.abs((f0 / f0)) + 1.0f)) % (i0 | 1));
            locf[lid] = f0;
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 7);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 4) * 0.0;
            int i2 = loc[(lid + 37) & 63];
            float f1 = locf[(lid * 1) & 63];
        }
    }
    public static void k223_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 4);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 3);
            double d0 = (double) fa.get(gid * 8 + 2) * Double.POSITIVE_INFINITY;
            for (int k0 = 0; k0 < 4; k0++) {
                { double t2 = (9.2233720368547758E18 / Math.copySign(Math.max(Double.NEGATIVE_INFINITY, 9.2233720368547758E18), -(d0))); long b3 = t2 != t2 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t2); out.set(gid * 16 + 6, (int) b3); out.set(gid * 16 + 6 + 1, (int) (b3 >>> 32)); }
            }
            loc[lid] = (((Math.abs((f0 / f0)) + 1.0f) != (Math.abs((f0 / f0)) + 1.0f) ? 0x7fc00000 : Float.floatToRawIntBits(Math.abs((f0 / f0)) + 1.0f)) % (i0 | 1));
            locf[lid] = f0;
        }
    }
    public static void k223_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 7);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 4) * 0.0;
            int i2 = loc[(lid + 37) & 63];
            float f1 = locf[(lid * 1) & 63];
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k223_task() { return Repro::k223; }
}
