// opencl:0:0: work-item 0 slot 7: 0x5a5a5a5a, Java 0x0
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k309(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 3);
            long l0 = ((long) ia.get(gid * 8 + 4) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 2);
            double d0 = (double) fa.get(gid * 8 + 5) * Double.NaN;
            d0 = Math.copySign(-((d0 * d0 + d0)), ((d0 + 1.0E-300) - (double) 0L));
            { double t11 = (Math.ceil(Math.copySign(d0, Double.MIN_VALUE)) * d0); long b12 = t11 != t11 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t11); out.set(gid * 16 + 7, (int) b12); out.set(gid * 16 + 7 + 1, (int) (b12 >>> 32)); }
        }
    }
    public static void k309_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 3);
            long l0 = ((long) ia.get(gid * 8 + 4) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 2);
            double d0 = (double) fa.get(gid * 8 + 5) * Double.NaN;
            d0 = Math.copySign(-((d0 * d0 + d0)), ((d0 + 1.0E-300) - (double) 0L));
            { double t11 = (Math.ceil(Math.copySign(d0, Double.MIN_VALUE)) * d0); long b12 = t11 != t11 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t11); out.set(gid * 16 + 7, (int) b12); out.set(gid * 16 + 7 + 1, (int) (b12 >>> 32)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k309_task() { return Repro::k309; }
}
