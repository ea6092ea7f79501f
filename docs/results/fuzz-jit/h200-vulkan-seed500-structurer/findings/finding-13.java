// vulkan:0: work-item 59 slot 6: 0x800000, Java 0xc00000
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k236(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 1);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 0) * Double.NaN;
            { float t0 = (((f0 % f0) * (float) Math.ceil(-2.1474836E9f) + Float.MIN_NORMAL) * f0 + Math.abs(Float.intBitsToFloat(0 & 0x7f7fffff | 0x00800000))); out.set(gid * 16 + 6, t0 != t0 ? 0x7fc00000 : Float.floatToRawIntBits(t0)); }
        }
    }
    public static void k236_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 1);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 0) * Double.NaN;
            { float t0 = (((f0 % f0) * (float) Math.ceil(-2.1474836E9f) + Float.MIN_NORMAL) * f0 + Math.abs(Float.intBitsToFloat(0 & 0x7f7fffff | 0x00800000))); out.set(gid * 16 + 6, t0 != t0 ? 0x7fc00000 : Float.floatToRawIntBits(t0)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k236_task() { return Repro::k236; }
}
