// vulkan:0: work-item 12 slot 14: 0x0, Java 0x12e8
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k27(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 3) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 1);
            double d0 = (double) fa.get(gid * 8 + 2) * 1.0;
            { float t3 = (f0 * (((f0 <= f0) ? 0.0f : f0) * (float) Math.floor(f0) + Math.max(f0, f0))); out.set(gid * 16 + 14, t3 != t3 ? 0x7fc00000 : Float.floatToRawIntBits(t3)); }
            loc[lid] = i1;
            locf[lid] = Float.intBitsToFloat((i1 * i0) & 0x7f7fffff | 0x00800000);
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 2);
            double d0 = (double) fa.get(gid * 8 + 4) * 1.0E-300;
            int i2 = loc[(lid + 16) & 63];
            float f1 = locf[(lid * 9) & 63];
        }
    }
    public static void k27_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 3) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 1);
            double d0 = (double) fa.get(gid * 8 + 2) * 1.0;
            { float t3 = (f0 * (((f0 <= f0) ? 0.0f : f0) * (float) Math.floor(f0) + Math.max(f0, f0))); out.set(gid * 16 + 14, t3 != t3 ? 0x7fc00000 : Float.floatToRawIntBits(t3)); }
            loc[lid] = i1;
            locf[lid] = Float.intBitsToFloat((i1 * i0) & 0x7f7fffff | 0x00800000);
        }
    }
    public static void k27_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 2);
            double d0 = (double) fa.get(gid * 8 + 4) * 1.0E-300;
            int i2 = loc[(lid + 16) & 63];
            float f1 = locf[(lid * 9) & 63];
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k27_task() { return Repro::k27; }
}
