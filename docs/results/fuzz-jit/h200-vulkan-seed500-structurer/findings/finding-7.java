// vulkan:0: work-item 5 slot 5: 0x0, Java 0x108e
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k151(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 0) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 2) * 2147483647.5;
            loc[lid] = Math.min(((int) d0 >> (l0 == 0L ? 1 : 31)), (((2654435761L > -1L) ? i0 : i1) * ((Math.abs(f0) + 1.0f) != (Math.abs(f0) + 1.0f) ? 0x7fc00000 : Float.floatToRawIntBits(Math.abs(f0) + 1.0f))));
            locf[lid] = (-1.5f + -((float) Math.ceil(f0)));
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 5) * 0.0;
            int i2 = loc[(lid + 39) & 63];
            float f1 = locf[(lid * 9) & 63];
            { float t2 = (Float.intBitsToFloat((i0 % (i0 | 1)) & 0x7f7fffff | 0x00800000) / ((f1 / f0) + Math.abs(f1))); out.set(gid * 16 + 5, t2 != t2 ? 0x7fc00000 : Float.floatToRawIntBits(t2)); }
        }
    }
    public static void k151_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 0) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 2) * 2147483647.5;
            loc[lid] = Math.min(((int) d0 >> (l0 == 0L ? 1 : 31)), (((2654435761L > -1L) ? i0 : i1) * ((Math.abs(f0) + 1.0f) != (Math.abs(f0) + 1.0f) ? 0x7fc00000 : Float.floatToRawIntBits(Math.abs(f0) + 1.0f))));
            locf[lid] = (-1.5f + -((float) Math.ceil(f0)));
        }
    }
    public static void k151_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 5) * 0.0;
            int i2 = loc[(lid + 39) & 63];
            float f1 = locf[(lid * 9) & 63];
            { float t2 = (Float.intBitsToFloat((i0 % (i0 | 1)) & 0x7f7fffff | 0x00800000) / ((f1 / f0) + Math.abs(f1))); out.set(gid * 16 + 5, t2 != t2 ? 0x7fc00000 : Float.floatToRawIntBits(t2)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k151_task() { return Repro::k151; }
}
