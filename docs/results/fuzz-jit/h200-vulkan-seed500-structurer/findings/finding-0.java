// vulkan:0: work-item 2 slot 9: 0x80000000, Java 0x800ccccd
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k7(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 4) << 32) | (ia.get(gid * 8 + 3) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 2) * 0.1;
            { float t0 = ((float) d0 * (Float.intBitsToFloat(0 & 0x7f7fffff | 0x00800000) / Math.abs(1.0f))); out.set(gid * 16 + 9, t0 != t0 ? 0x7fc00000 : Float.floatToRawIntBits(t0)); }
            loc[lid] = i0;
            locf[lid] = (f0 * (Float.POSITIVE_INFINITY * f0 + f0) + f0);
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 4) * 2147483647.5;
            int i2 = loc[(lid + 34) & 63];
            float f1 = locf[(lid * 9) & 63];
        }
    }
    public static void k7_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 4) << 32) | (ia.get(gid * 8 + 3) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 2) * 0.1;
            { float t0 = ((float) d0 * (Float.intBitsToFloat(0 & 0x7f7fffff | 0x00800000) / Math.abs(1.0f))); out.set(gid * 16 + 9, t0 != t0 ? 0x7fc00000 : Float.floatToRawIntBits(t0)); }
            loc[lid] = i0;
            locf[lid] = (f0 * (Float.POSITIVE_INFINITY * f0 + f0) + f0);
        }
    }
    public static void k7_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 4) * 2147483647.5;
            int i2 = loc[(lid + 34) & 63];
            float f1 = locf[(lid * 9) & 63];
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k7_task() { return Repro::k7; }
}
