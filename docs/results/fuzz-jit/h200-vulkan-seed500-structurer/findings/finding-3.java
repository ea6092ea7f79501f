// vulkan:0: work-item 16 slot 14: 0x0, Java 0x1
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k34(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 3) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 4) * 1.0E-300;
            f0 = (((float) Math.ceil(f0) - (f0 + f0)) - Float.intBitsToFloat(i1 & 0x7f7fffff | 0x00800000));
            l0 = ((long) (f0 / f0) * (long) Math.min(i0, i0));
            { long t2 = l0; out.set(gid * 16 + 14, (int) t2); out.set(gid * 16 + 14 + 1, (int) (t2 >>> 32)); }
        }
    }
    public static void k34_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 3) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 4) * 1.0E-300;
            f0 = (((float) Math.ceil(f0) - (f0 + f0)) - Float.intBitsToFloat(i1 & 0x7f7fffff | 0x00800000));
            l0 = ((long) (f0 / f0) * (long) Math.min(i0, i0));
            { long t2 = l0; out.set(gid * 16 + 14, (int) t2); out.set(gid * 16 + 14 + 1, (int) (t2 >>> 32)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k34_task() { return Repro::k34; }
}
