// vulkan:0: work-item 100 slot 5: 0x0, Java 0x8000
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k289(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 4);
            long l0 = ((long) ia.get(gid * 8 + 6) << 32) | (ia.get(gid * 8 + 1) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 3);
            double d0 = (double) fa.get(gid * 8 + 3) * 2147483647.5;
            if (!!(((f0 == f0) && (f0 <= Float.NaN)) && ((f0 < Float.NaN) && (((f0 == f0) && (f0 != 1.0f)) && (l0 >= l0))))) {
                } else {
                f0 *= (float) (!(f0 <= f0) ? 2147483647.5 : (d0 * d0));
            }
            f0 *= Float.intBitsToFloat(((d0 > d0) ? 33 : (-1 % (i1 | 1))) & 0x7f7fffff | 0x00800000);
            { float t0 = (f0 * f0); out.set(gid * 16 + 5, t0 != t0 ? 0x7fc00000 : Float.floatToRawIntBits(t0)); }
        }
    }
    public static void k289_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 4);
            long l0 = ((long) ia.get(gid * 8 + 6) << 32) | (ia.get(gid * 8 + 1) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 3);
            double d0 = (double) fa.get(gid * 8 + 3) * 2147483647.5;
            if (!!(((f0 == f0) && (f0 <= Float.NaN)) && ((f0 < Float.NaN) && (((f0 == f0) && (f0 != 1.0f)) && (l0 >= l0))))) {
                } else {
                f0 *= (float) (!(f0 <= f0) ? 2147483647.5 : (d0 * d0));
            }
            f0 *= Float.intBitsToFloat(((d0 > d0) ? 33 : (-1 % (i1 | 1))) & 0x7f7fffff | 0x00800000);
            { float t0 = (f0 * f0); out.set(gid * 16 + 5, t0 != t0 ? 0x7fc00000 : Float.floatToRawIntBits(t0)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k289_task() { return Repro::k289; }
}
