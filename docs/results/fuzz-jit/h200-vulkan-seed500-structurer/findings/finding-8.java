// vulkan:0: work-item 13 slot 11: 0x80000000, Java 0x800ccccd
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k166(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 4) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 6) * Double.NaN;
            { float t1 = (-((0.1f * f0)) % f0); out.set(gid * 16 + 11, t1 != t1 ? 0x7fc00000 : Float.floatToRawIntBits(t1)); }
        }
    }
    public static void k166_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 4) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 6) * Double.NaN;
            { float t1 = (-((0.1f * f0)) % f0); out.set(gid * 16 + 11, t1 != t1 ? 0x7fc00000 : Float.floatToRawIntBits(t1)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k166_task() { return Repro::k166; }
}
