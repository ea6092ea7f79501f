// vulkan:0: work-item 4 slot 0: 0x80000000, Java 0x80000030
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k185(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 6) * Double.NaN;
            f0 *= f0;
            { float t2 = (Math.min(-(f0), f0) - (((i0 <= 0x55555555) && (d0 >= -0.0)) ? f0 : Math.max(f0, f0))); out.set(gid * 16 + 0, t2 != t2 ? 0x7fc00000 : Float.floatToRawIntBits(t2)); }
        }
    }
    public static void k185_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 6) * Double.NaN;
            f0 *= f0;
            { float t2 = (Math.min(-(f0), f0) - (((i0 <= 0x55555555) && (d0 >= -0.0)) ? f0 : Math.max(f0, f0))); out.set(gid * 16 + 0, t2 != t2 ? 0x7fc00000 : Float.floatToRawIntBits(t2)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k185_task() { return Repro::k185; }
}
