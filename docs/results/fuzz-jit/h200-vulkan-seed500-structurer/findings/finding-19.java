// vulkan:0: work-item 72 slot 14: 0x80000000, Java 0x8000040a
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k274(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 6) * Double.MIN_NORMAL;
            f0 *= Float.intBitsToFloat(((((63L != 2654435761L) && (i0 != i0)) && (l0 == l0)) ? (33 + 31) : -(i0)) & 0x7f7fffff | 0x00800000);
            { float t3 = (f0 * ((2.1474836E9f / Float.MAX_VALUE) + -(f0)) + -(-(f0))); out.set(gid * 16 + 14, t3 != t3 ? 0x7fc00000 : Float.floatToRawIntBits(t3)); }
        }
    }
    public static void k274_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 6) * Double.MIN_NORMAL;
            f0 *= Float.intBitsToFloat(((((63L != 2654435761L) && (i0 != i0)) && (l0 == l0)) ? (33 + 31) : -(i0)) & 0x7f7fffff | 0x00800000);
            { float t3 = (f0 * ((2.1474836E9f / Float.MAX_VALUE) + -(f0)) + -(-(f0))); out.set(gid * 16 + 14, t3 != t3 ? 0x7fc00000 : Float.floatToRawIntBits(t3)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k274_task() { return Repro::k274; }
}
