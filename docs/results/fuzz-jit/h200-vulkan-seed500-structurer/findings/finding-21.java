// vulkan:0: work-item 41 slot 11: 0x0, Java 0x200000
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k278(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 0) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 6);
            double d0 = (double) fa.get(gid * 8 + 4) * 2147483647.5;
            { float t1 = ((float) Math.ceil(Float.intBitsToFloat(i1 & 0x7f7fffff | 0x00800000)) / f0); out.set(gid * 16 + 11, t1 != t1 ? 0x7fc00000 : Float.floatToRawIntBits(t1)); }
        }
    }
    public static void k278_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 0) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 6);
            double d0 = (double) fa.get(gid * 8 + 4) * 2147483647.5;
            { float t1 = ((float) Math.ceil(Float.intBitsToFloat(i1 & 0x7f7fffff | 0x00800000)) / f0); out.set(gid * 16 + 11, t1 != t1 ? 0x7fc00000 : Float.floatToRawIntBits(t1)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k278_task() { return Repro::k278; }
}
