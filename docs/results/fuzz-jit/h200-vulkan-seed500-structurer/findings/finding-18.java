// vulkan:0: work-item 0 slot 8: 0xffe00000, Java 0x0
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k270(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 4);
            int i1 = ia.get(gid * 8 + 4);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 1) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 4) * Double.NaN;
            { long t0 = ((long) -(d0) >> l0); out.set(gid * 16 + 8, (int) t0); out.set(gid * 16 + 8 + 1, (int) (t0 >>> 32)); }
        }
    }
    public static void k270_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 4);
            int i1 = ia.get(gid * 8 + 4);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 1) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 4) * Double.NaN;
            { long t0 = ((long) -(d0) >> l0); out.set(gid * 16 + 8, (int) t0); out.set(gid * 16 + 8 + 1, (int) (t0 >>> 32)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k270_task() { return Repro::k270; }
}
