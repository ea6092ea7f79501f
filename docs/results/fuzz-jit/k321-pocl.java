// opencl:0:0: work-item 26 slot 7: 0xc3e00000, Java 0x43e00000
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k321(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 6) * 4.9E-324;
            if (((i1 < i1) && (Float.POSITIVE_INFINITY <= f0))) {
                } else {
                if (((l0 / (Long.MAX_VALUE | 1L)) <= (long) i0)) {
                    { double t5 = -(Math.copySign((double) f0, -(d0))); long b6 = t5 != t5 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t5); out.set(gid * 16 + 6, (int) b6); out.set(gid * 16 + 6 + 1, (int) (b6 >>> 32)); }
                }
            }
        }
    }
    public static void k321_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 6) * 4.9E-324;
            if (((i1 < i1) && (Float.POSITIVE_INFINITY <= f0))) {
                } else {
                if (((l0 / (Long.MAX_VALUE | 1L)) <= (long) i0)) {
                    { double t5 = -(Math.copySign((double) f0, -(d0))); long b6 = t5 != t5 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t5); out.set(gid * 16 + 6, (int) b6); out.set(gid * 16 + 6 + 1, (int) (b6 >>> 32)); }
                }
            }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k321_task() { return Repro::k321; }
}
