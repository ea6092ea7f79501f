// opencl:0:0: work-item 98 slot 11: 0x0, Java 0x1
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k256(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 1);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 0) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 2);
            double d0 = (double) fa.get(gid * 8 + 3) * -2147483648.5;
            { long t4 = (Math.min(Math.abs(l0), (l0 - l0)) / (Math.max(Math.abs(l0), (l0 << l0)) | 1L)); out.set(gid * 16 + 11, (int) t4); out.set(gid * 16 + 11 + 1, (int) (t4 >>> 32)); }
        }
    }
    public static void k256_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 5);
            int i1 = ia.get(gid * 8 + 1);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 0) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 2);
            double d0 = (double) fa.get(gid * 8 + 3) * -2147483648.5;
            { long t4 = (Math.min(Math.abs(l0), (l0 - l0)) / (Math.max(Math.abs(l0), (l0 << l0)) | 1L)); out.set(gid * 16 + 11, (int) t4); out.set(gid * 16 + 11 + 1, (int) (t4 >>> 32)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k256_task() { return Repro::k256; }
}
