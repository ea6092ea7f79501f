// vulkan:0: IllegalStateException: task t.k (Gen213.k106) cannot run on vulkan:0: k106: control flow that could not be structured for Vulkan (L57 -> L59 leaves the construct of L55 (merge L67))
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k106(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 0) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 1) * Double.MIN_NORMAL;
            if ((!(d0 >= Double.MAX_VALUE) && (l0 <= l0))) {
                d0 = (Math.ceil((d0 - Double.MIN_NORMAL)) % ((d0 % d0) / (double) -4294967296L));
                } else {
                if (((!!(d0 != d0) && (((1.0f > Float.MAX_VALUE) || !!(d0 != 0.0)) && (l0 != 1L))) || (((f0 <= f0) && (l0 <= l0)) && ((l0 == -1L) || (l0 == 64L))))) {
                    out.set(gid * 16 + 9, ~((-1 % ((i0 * i1) | 1))));
                    } else {
                }
            }
            loc[lid] = ((i1 | (i0 * -33)) * ((i1 * 32) | Math.min(0, i0)));
            locf[lid] = Math.abs(Math.min(Float.MIN_NORMAL, -(Float.MIN_NORMAL)));
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 4) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 4) * 0.0;
            int i2 = loc[(lid + 16) & 63];
            float f1 = locf[(lid * 15) & 63];
        }
    }
    public static void k106_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 5);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 0) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 1) * Double.MIN_NORMAL;
            if ((!(d0 >= Double.MAX_VALUE) && (l0 <= l0))) {
                d0 = (Math.ceil((d0 - Double.MIN_NORMAL)) % ((d0 % d0) / (double) -4294967296L));
                } else {
                if (((!!(d0 != d0) && (((1.0f > Float.MAX_VALUE) || !!(d0 != 0.0)) && (l0 != 1L))) || (((f0 <= f0) && (l0 <= l0)) && ((l0 == -1L) || (l0 == 64L))))) {
                    out.set(gid * 16 + 9, ~((-1 % ((i0 * i1) | 1))));
                    } else {
                }
            }
            loc[lid] = ((i1 | (i0 * -33)) * ((i1 * 32) | Math.min(0, i0)));
            locf[lid] = Math.abs(Math.min(Float.MIN_NORMAL, -(Float.MIN_NORMAL)));
        }
    }
    public static void k106_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 0);
            long l0 = ((long) ia.get(gid * 8 + 4) << 32) | (ia.get(gid * 8 + 2) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 4);
            double d0 = (double) fa.get(gid * 8 + 4) * 0.0;
            int i2 = loc[(lid + 16) & 63];
            float f1 = locf[(lid * 15) & 63];
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k106_task() { return Repro::k106; }
}
