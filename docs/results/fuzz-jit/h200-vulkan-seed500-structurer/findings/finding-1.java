// vulkan:0: work-item 38 slot 10: 0x0, Java 0x3f800000
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k24(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 3) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 3);
            double d0 = (double) fa.get(gid * 8 + 1) * -2.5;
            { float t2 = (float) Math.ceil((Math.min(f0, 1.0E-30f) / f0)); out.set(gid * 16 + 10, t2 != t2 ? 0x7fc00000 : Float.floatToRawIntBits(t2)); }
        }
    }
    public static void k24_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 3) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 3);
            double d0 = (double) fa.get(gid * 8 + 1) * -2.5;
            { float t2 = (float) Math.ceil((Math.min(f0, 1.0E-30f) / f0)); out.set(gid * 16 + 10, t2 != t2 ? 0x7fc00000 : Float.floatToRawIntBits(t2)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k24_task() { return Repro::k24; }
}
