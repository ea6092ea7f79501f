// opencl:0:0: work-item 0 slot 9: 0x5a5a5a5a, Java 0x0
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k461(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 6) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 1);
            double d0 = (double) fa.get(gid * 8 + 1) * Double.NaN;
            { double t0 = Math.floor(((double) f0 * Math.rint(d0))); long b1 = t0 != t0 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t0); out.set(gid * 16 + 9, (int) b1); out.set(gid * 16 + 9 + 1, (int) (b1 >>> 32)); }
        }
    }
    public static void k461_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 6);
            long l0 = ((long) ia.get(gid * 8 + 6) << 32) | (ia.get(gid * 8 + 6) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 1);
            double d0 = (double) fa.get(gid * 8 + 1) * Double.NaN;
            { double t0 = Math.floor(((double) f0 * Math.rint(d0))); long b1 = t0 != t0 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t0); out.set(gid * 16 + 9, (int) b1); out.set(gid * 16 + 9 + 1, (int) (b1 >>> 32)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k461_task() { return Repro::k461; }
}
