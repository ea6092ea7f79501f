// vulkan:0: work-item 65 slot 0: 0x7fc00000, Java 0x8000060a
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k217(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 6);
            int i1 = ia.get(gid * 8 + 4);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 3);
            double d0 = (double) fa.get(gid * 8 + 7) * Double.MIN_NORMAL;
            { float t0 = (((Float.MAX_VALUE * f0 + f0) % (f0 * f0)) / (Math.min(f0, f0) / -(f0))); out.set(gid * 16 + 0, t0 != t0 ? 0x7fc00000 : Float.floatToRawIntBits(t0)); }
        }
    }
    public static void k217_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 6);
            int i1 = ia.get(gid * 8 + 4);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 3);
            double d0 = (double) fa.get(gid * 8 + 7) * Double.MIN_NORMAL;
            { float t0 = (((Float.MAX_VALUE * f0 + f0) % (f0 * f0)) / (Math.min(f0, f0) / -(f0))); out.set(gid * 16 + 0, t0 != t0 ? 0x7fc00000 : Float.floatToRawIntBits(t0)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k217_task() { return Repro::k217; }
}
