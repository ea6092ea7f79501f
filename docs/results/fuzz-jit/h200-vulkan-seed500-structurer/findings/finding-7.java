// vulkan:0: IllegalStateException: task t.k (Gen233.k112) cannot run on vulkan:0: k112: control flow that could not be structured for Vulkan (L10 -> L4 leaves the construct of L5 (merge L6))
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k112(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 3);
            long l0 = ((long) ia.get(gid * 8 + 0) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 6) * 1.0E-300;
            if ((f0 != f0)) {
                if ((-(f0) != Float.intBitsToFloat(i0 & 0x7f7fffff | 0x00800000))) {
                    if (((i1 != i0) || (2654435761L < l0))) return;
                }
                { float t2 = -1.5f; out.set(gid * 16 + 11, t2 != t2 ? 0x7fc00000 : Float.floatToRawIntBits(t2)); }
            }
            if ((-123456789 != 32)) {
                { float t3 = Math.min((2.1474836E9f - Float.intBitsToFloat(i1 & 0x7f7fffff | 0x00800000)), Math.max(Math.abs(0.0f), f0)); out.set(gid * 16 + 0, t3 != t3 ? 0x7fc00000 : Float.floatToRawIntBits(t3)); }
                { long t4 = (l0 & 0L); out.set(gid * 16 + 1, (int) t4); out.set(gid * 16 + 1 + 1, (int) (t4 >>> 32)); }
            }
            { float t8 = 1.0f; out.set(gid * 16 + 4, t8 != t8 ? 0x7fc00000 : Float.floatToRawIntBits(t8)); }
        }
    }
    public static void k112_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out) {
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 3);
            long l0 = ((long) ia.get(gid * 8 + 0) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 6) * 1.0E-300;
            if ((f0 != f0)) {
                if ((-(f0) != Float.intBitsToFloat(i0 & 0x7f7fffff | 0x00800000))) {
                    if (((i1 != i0) || (2654435761L < l0))) return;
                }
                { float t2 = -1.5f; out.set(gid * 16 + 11, t2 != t2 ? 0x7fc00000 : Float.floatToRawIntBits(t2)); }
            }
            if ((-123456789 != 32)) {
                { float t3 = Math.min((2.1474836E9f - Float.intBitsToFloat(i1 & 0x7f7fffff | 0x00800000)), Math.max(Math.abs(0.0f), f0)); out.set(gid * 16 + 0, t3 != t3 ? 0x7fc00000 : Float.floatToRawIntBits(t3)); }
                { long t4 = (l0 & 0L); out.set(gid * 16 + 1, (int) t4); out.set(gid * 16 + 1 + 1, (int) (t4 >>> 32)); }
            }
            { float t8 = 1.0f; out.set(gid * 16 + 4, t8 != t8 ? 0x7fc00000 : Float.floatToRawIntBits(t8)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k112_task() { return Repro::k112; }
}
