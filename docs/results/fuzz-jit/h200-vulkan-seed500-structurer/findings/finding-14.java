// vulkan:0: IllegalStateException: task t.k (Gen416.k239) cannot run on vulkan:0: k239: control flow that could not be structured for Vulkan (L142 -> L26 leaves the construct of L28 (merge L77))
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k239(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 1) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 2) * Double.NEGATIVE_INFINITY;
            if ((!(d0 < d0) || (((i0 != i0) || ((d0 >= d0) || ((d0 != d0) || ((1L > l0) && (((((-0.0 <= d0) && (-2.5 == d0)) || (9.223372E18f == f0)) || (Long.MAX_VALUE < -1L)) && !((!(i1 <= i1) || (0.0f >= f0)) || (9.223372E18f == f0))))))) || (f0 != f0)))) {
                { double t0 = (Math.abs((d0 + d0)) + Math.copySign(d0, (((!((1 <= i1) && ((i1 >= 2) || (d0 == -2.5))) && ((f0 > -2.1474836E9f) || (f0 < f0))) ? d0 : d0) != ((!((1 <= i1) && ((i1 >= 2) || (d0 == -2.5))) && ((f0 > -2.1474836E9f) || (f0 < f0))) ? d0 : d0) ? 1.0 : ((!((1 <= i1) && ((i1 >= 2) || (d0 == -2.5))) && ((f0 > -2.1474836E9f) || (f0 < f0))) ? d0 : d0)))); long b1 = t0 != t0 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t0); out.set(gid * 16 + 9, (int) b1); out.set(gid * 16 + 9 + 1, (int) (b1 >>> 32)); }
                } else {
                if (((i0 >> (2654435761L == 0L ? 1 : 31)) == i0)) {
                    { float t2 = (((f0 >= f0) ? Math.min(f0, f0) : (f0 * f0 + Float.MAX_VALUE)) % (f0 * (f0 + f0) + 0.1f)); out.set(gid * 16 + 1, t2 != t2 ? 0x7fc00000 : Float.floatToRawIntBits(t2)); }
                }
            }
            if (((33 >= i0) || ((i1 >= 1) && (!(d0 != d0) && (((f0 >= f0) || (f0 != Float.POSITIVE_INFINITY)) || (!(l0 < l0) || (f0 <= f0))))))) {
                } else {
                for (int k8 = 0; k8 < (((Math.abs(f0) + 1.0f) != (Math.abs(f0) + 1.0f) ? 0x7fc00000 : Float.floatToRawIntBits(Math.abs(f0) + 1.0f)) & 3); k8++) {
                }
            }
        }
    }
    public static void k239_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 2);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 5) << 32) | (ia.get(gid * 8 + 1) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 0);
            double d0 = (double) fa.get(gid * 8 + 2) * Double.NEGATIVE_INFINITY;
            if ((!(d0 < d0) || (((i0 != i0) || ((d0 >= d0) || ((d0 != d0) || ((1L > l0) && (((((-0.0 <= d0) && (-2.5 == d0)) || (9.223372E18f == f0)) || (Long.MAX_VALUE < -1L)) && !((!(i1 <= i1) || (0.0f >= f0)) || (9.223372E18f == f0))))))) || (f0 != f0)))) {
                { double t0 = (Math.abs((d0 + d0)) + Math.copySign(d0, (((!((1 <= i1) && ((i1 >= 2) || (d0 == -2.5))) && ((f0 > -2.1474836E9f) || (f0 < f0))) ? d0 : d0) != ((!((1 <= i1) && ((i1 >= 2) || (d0 == -2.5))) && ((f0 > -2.1474836E9f) || (f0 < f0))) ? d0 : d0) ? 1.0 : ((!((1 <= i1) && ((i1 >= 2) || (d0 == -2.5))) && ((f0 > -2.1474836E9f) || (f0 < f0))) ? d0 : d0)))); long b1 = t0 != t0 ? 0x7ff8000000000000L : Double.doubleToRawLongBits(t0); out.set(gid * 16 + 9, (int) b1); out.set(gid * 16 + 9 + 1, (int) (b1 >>> 32)); }
                } else {
                if (((i0 >> (2654435761L == 0L ? 1 : 31)) == i0)) {
                    { float t2 = (((f0 >= f0) ? Math.min(f0, f0) : (f0 * f0 + Float.MAX_VALUE)) % (f0 * (f0 + f0) + 0.1f)); out.set(gid * 16 + 1, t2 != t2 ? 0x7fc00000 : Float.floatToRawIntBits(t2)); }
                }
            }
            if (((33 >= i0) || ((i1 >= 1) && (!(d0 != d0) && (((f0 >= f0) || (f0 != Float.POSITIVE_INFINITY)) || (!(l0 < l0) || (f0 <= f0))))))) {
                } else {
                for (int k8 = 0; k8 < (((Math.abs(f0) + 1.0f) != (Math.abs(f0) + 1.0f) ? 0x7fc00000 : Float.floatToRawIntBits(Math.abs(f0) + 1.0f)) & 3); k8++) {
                }
            }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k239_task() { return Repro::k239; }
}
