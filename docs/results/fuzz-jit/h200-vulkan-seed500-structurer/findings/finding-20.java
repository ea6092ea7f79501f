// vulkan:0: IllegalStateException: task t.k (Gen568.k275) cannot run on vulkan:0: k275: control flow that could not be structured for Vulkan (L50 -> L52 leaves the construct of L8 (merge L67))
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k275(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 7);
            long l0 = ((long) ia.get(gid * 8 + 0) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 2);
            double d0 = (double) fa.get(gid * 8 + 3) * Double.MAX_VALUE;
            if ((((i1 == i0) && ((0x100000000L > l0) || (l0 <= l0))) && (31 >= i0))) {
                if (((f0 <= f0) || (((f0 <= 1.0f) && ((d0 > -2.5) || (1.0E-300 > -2.5))) && ((d0 < d0) || (i0 >= i1))))) {
                    { double t1 = (d0 + (d0 % (d0 - d0))); long b2 = t1 != t1 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t1); out.set(gid * 16 + 1, (int) b2); out.set(gid * 16 + 1 + 1, (int) (b2 >>> 32)); }
                }
                } else {
                { float t4 = (9.223372E18f % f0); out.set(gid * 16 + 3, t4 != t4 ? 0x7fc00000 : Float.floatToRawIntBits(t4)); }
            }
            for (int k6 = 0; k6 < (((Math.abs(f0) + 1.0f) != (Math.abs(f0) + 1.0f) ? 0x7fc00000 : Float.floatToRawIntBits(Math.abs(f0) + 1.0f)) & 3); k6++) {
            }
        }
    }
    public static void k275_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 0);
            int i1 = ia.get(gid * 8 + 7);
            long l0 = ((long) ia.get(gid * 8 + 0) << 32) | (ia.get(gid * 8 + 4) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 2);
            double d0 = (double) fa.get(gid * 8 + 3) * Double.MAX_VALUE;
            if ((((i1 == i0) && ((0x100000000L > l0) || (l0 <= l0))) && (31 >= i0))) {
                if (((f0 <= f0) || (((f0 <= 1.0f) && ((d0 > -2.5) || (1.0E-300 > -2.5))) && ((d0 < d0) || (i0 >= i1))))) {
                    { double t1 = (d0 + (d0 % (d0 - d0))); long b2 = t1 != t1 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t1); out.set(gid * 16 + 1, (int) b2); out.set(gid * 16 + 1 + 1, (int) (b2 >>> 32)); }
                }
                } else {
                { float t4 = (9.223372E18f % f0); out.set(gid * 16 + 3, t4 != t4 ? 0x7fc00000 : Float.floatToRawIntBits(t4)); }
            }
            for (int k6 = 0; k6 < (((Math.abs(f0) + 1.0f) != (Math.abs(f0) + 1.0f) ? 0x7fc00000 : Float.floatToRawIntBits(Math.abs(f0) + 1.0f)) & 3); k6++) {
            }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k275_task() { return Repro::k275; }
}
