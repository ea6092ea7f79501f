// opencl:0:0: work-item 42 slot 2: 0x1, Java 0x15555565
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k295(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 3);
            int i1 = ia.get(gid * 8 + 1);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 0) * Double.MAX_VALUE;
            loc[lid] = -(Math.max(i1, (i0 - 1)));
            locf[lid] = ((float) Math.ceil(Float.intBitsToFloat(32 & 0x7f7fffff)) + f0);
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 4);
            int i1 = ia.get(gid * 8 + 3);
            long l0 = ((long) ia.get(gid * 8 + 3) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 6);
            double d0 = (double) fa.get(gid * 8 + 7) * Double.NaN;
            int i2 = loc[(lid + 48) & 63];
            float f1 = locf[(lid * 7) & 63];
            out.set(gid * 16 + 2, (((i2 - 0x55555555) * ~(i0)) >> (Math.abs(i0) % ((i0 + i1) | 1))));
        }
    }
    public static void k295_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 3);
            int i1 = ia.get(gid * 8 + 1);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 0) * Double.MAX_VALUE;
            loc[lid] = -(Math.max(i1, (i0 - 1)));
            locf[lid] = ((float) Math.ceil(Float.intBitsToFloat(32 & 0x7f7fffff)) + f0);
        }
    }
    public static void k295_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 4);
            int i1 = ia.get(gid * 8 + 3);
            long l0 = ((long) ia.get(gid * 8 + 3) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 6);
            double d0 = (double) fa.get(gid * 8 + 7) * Double.NaN;
            int i2 = loc[(lid + 48) & 63];
            float f1 = locf[(lid * 7) & 63];
            out.set(gid * 16 + 2, (((i2 - 0x55555555) * ~(i0)) >> (Math.abs(i0) % ((i0 + i1) | 1))));
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k295_task() { return Repro::k295; }
}
