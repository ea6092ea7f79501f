// vulkan:0: work-item 175 slot 4: 0x7fc00000, Java 0x3f800000
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k105(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 1);
            long l0 = ((long) ia.get(gid * 8 + 3) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 6) * Double.MIN_NORMAL;
            for (int k2 = 0; k2 < (-123456789 & 3); k2++) {
                f0 *= -(Math.min(Float.MAX_VALUE, ((d0 < d0) ? f0 : f0)));
            }
            for (int k4 = 0; k4 < ((i1 + 1) & 3); k4++) {
                if (((f0 == f0) && (l0 >= l0))) {
                    { float t5 = (f0 / f0); out.set(gid * 16 + 4, t5 != t5 ? 0x7fc00000 : Float.floatToRawIntBits(t5)); }
                }
            }
        }
    }
    public static void k105_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 1);
            long l0 = ((long) ia.get(gid * 8 + 3) << 32) | (ia.get(gid * 8 + 7) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 6) * Double.MIN_NORMAL;
            for (int k2 = 0; k2 < (-123456789 & 3); k2++) {
                f0 *= -(Math.min(Float.MAX_VALUE, ((d0 < d0) ? f0 : f0)));
            }
            for (int k4 = 0; k4 < ((i1 + 1) & 3); k4++) {
                if (((f0 == f0) && (l0 >= l0))) {
                    { float t5 = (f0 / f0); out.set(gid * 16 + 4, t5 != t5 ? 0x7fc00000 : Float.floatToRawIntBits(t5)); }
                }
            }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k105_task() { return Repro::k105; }
}
