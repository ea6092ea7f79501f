// vulkan:0: work-item 20 slot 8: 0x7f800000, Java 0x4a6719a3
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k265(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 7);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 4) << 32) | (ia.get(gid * 8 + 1) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 1) * Double.POSITIVE_INFINITY;
            loc[lid] = i0;
            locf[lid] = (f0 % ((f0 * f0 + f0) + (f0 / 1.0E-30f)));
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 3);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 0) * Double.POSITIVE_INFINITY;
            int i2 = loc[(lid + 50) & 63];
            float f1 = locf[(lid * 15) & 63];
            for (int k9 = 0; k9 < (2 & 3); k9++) {
                f1 += Math.abs((f0 / (f0 % f1)));
                { float t10 = Math.abs(-((0.0f + f1))); out.set(gid * 16 + 8, t10 != t10 ? 0x7fc00000 : Float.floatToRawIntBits(t10)); }
            }
        }
    }
    public static void k265_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 7);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 4) << 32) | (ia.get(gid * 8 + 1) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 1) * Double.POSITIVE_INFINITY;
            loc[lid] = i0;
            locf[lid] = (f0 % ((f0 * f0 + f0) + (f0 / 1.0E-30f)));
        }
    }
    public static void k265_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 3);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 0) * Double.POSITIVE_INFINITY;
            int i2 = loc[(lid + 50) & 63];
            float f1 = locf[(lid * 15) & 63];
            for (int k9 = 0; k9 < (2 & 3); k9++) {
                f1 += Math.abs((f0 / (f0 % f1)));
                { float t10 = Math.abs(-((0.0f + f1))); out.set(gid * 16 + 8, t10 != t10 ? 0x7fc00000 : Float.floatToRawIntBits(t10)); }
            }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k265_task() { return Repro::k265; }
}
