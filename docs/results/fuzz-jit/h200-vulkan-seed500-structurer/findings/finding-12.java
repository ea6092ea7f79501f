// vulkan:0: work-item 67 slot 6: 0x0, Java 0x3f800000
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k224(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 3) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 7) * 2147483647.5;
            { float t1 = (float) Math.ceil((f0 * (f0 + f0))); out.set(gid * 16 + 6, t1 != t1 ? 0x7fc00000 : Float.floatToRawIntBits(t1)); }
            loc[lid] = 31;
            locf[lid] = Float.POSITIVE_INFINITY;
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 3) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 2) * Double.MIN_NORMAL;
            int i2 = loc[(lid + 6) & 63];
            float f1 = locf[(lid * 3) & 63];
        }
    }
    public static void k224_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 3) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 7) * 2147483647.5;
            { float t1 = (float) Math.ceil((f0 * (f0 + f0))); out.set(gid * 16 + 6, t1 != t1 ? 0x7fc00000 : Float.floatToRawIntBits(t1)); }
            loc[lid] = 31;
            locf[lid] = Float.POSITIVE_INFINITY;
        }
    }
    public static void k224_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 3) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 2) * Double.MIN_NORMAL;
            int i2 = loc[(lid + 6) & 63];
            float f1 = locf[(lid * 3) & 63];
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k224_task() { return Repro::k224; }
}
