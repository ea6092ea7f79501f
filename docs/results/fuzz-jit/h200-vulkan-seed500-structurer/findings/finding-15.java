// vulkan:0: work-item 121 slot 12: 0x0, Java 0x89712
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k240(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 4);
            int i1 = ia.get(gid * 8 + 3);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 6) * 2147483647.5;
            loc[lid] = 33;
            locf[lid] = Float.intBitsToFloat((Math.min(Integer.MIN_VALUE, i0) % (Math.abs(-1) | 1)) & 0x7f7fffff | 0x00800000);
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 7);
            int i1 = ia.get(gid * 8 + 3);
            long l0 = ((long) ia.get(gid * 8 + 6) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 6);
            double d0 = (double) fa.get(gid * 8 + 3) * -2147483648.5;
            int i2 = loc[(lid + 19) & 63];
            float f1 = locf[(lid * 5) & 63];
            { float t3 = (f0 * f0); out.set(gid * 16 + 12, t3 != t3 ? 0x7fc00000 : Float.floatToRawIntBits(t3)); }
        }
    }
    public static void k240_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 4);
            int i1 = ia.get(gid * 8 + 3);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 6) * 2147483647.5;
            loc[lid] = 33;
            locf[lid] = Float.intBitsToFloat((Math.min(Integer.MIN_VALUE, i0) % (Math.abs(-1) | 1)) & 0x7f7fffff | 0x00800000);
        }
    }
    public static void k240_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 7);
            int i1 = ia.get(gid * 8 + 3);
            long l0 = ((long) ia.get(gid * 8 + 6) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 6);
            double d0 = (double) fa.get(gid * 8 + 3) * -2147483648.5;
            int i2 = loc[(lid + 19) & 63];
            float f1 = locf[(lid * 5) & 63];
            { float t3 = (f0 * f0); out.set(gid * 16 + 12, t3 != t3 ? 0x7fc00000 : Float.floatToRawIntBits(t3)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k240_task() { return Repro::k240; }
}
