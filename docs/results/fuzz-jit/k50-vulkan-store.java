// Fixed: kernel k50 of `fuzz-jit --seed 7`, as the fuzzer shrank it on lavapipe (2026-12-03). Work-item 22 left the
// store of slot 13 undone (the poison 0x5a5a5a5a where Java has 0xffffffe1): the early return's condition came out
// true on the device, as its i2, read from loc after the barrier, was a neighbour's slot not yet written. The loop
// before the barrier runs (i1 & 3) times, a count that differs between work-items, and the SPIR-V structurer drew
// everything after it (it only returns) into the loop's construct, barrier included: work-items that left the loop at
// different iterations waited at different barriers. The condition and its NaN comparisons were right. A tail that
// reaches a barrier now stays after the loop's merge (Structurer.barrierTails; docs/fuzzing.md).
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k50(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        float[] locf = ctx.allocateFloatLocalArray(64);
        {
            int i0 = ia.get(gid * 8 + 3);
            int i1 = ia.get(gid * 8 + 4);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 5) * -2147483648.5;
            for (int k1 = 0; k1 < ((i1 | i1) & 3); k1++) {
            }
            loc[lid] = i0;
            locf[lid] = -1.5f;
        }
        ctx.localBarrier();
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 3) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 6) * Double.NEGATIVE_INFINITY;
            int i2 = loc[(lid + 24) & 63];
            float f1 = locf[(lid * 15) & 63];
            f1 = -(-((Float.POSITIVE_INFINITY + Float.POSITIVE_INFINITY)));
            if (((d0 > d0) || ((!(((f0 >= f1) || !(2654435761L >= 63L)) && !!(!((f0 == f0) || ((Double.POSITIVE_INFINITY > d0) && !((((!((f1 >= f0) && (0L >= l0)) || ((l0 != l0) && (-1 <= i1))) || ((((i0 >= i2) && (2654435761L > l0)) || (4.9E-324 > d0)) || !(Double.MIN_VALUE <= -2147483648.5))) && !(Integer.MAX_VALUE > i0)) && (((Double.MIN_VALUE == Double.MAX_VALUE) && (2654435761L == l0)) || ((i2 != i1) && (1.0E-30f >= -2.1474836E9f)))))) || ((2654435761L <= 1L) || !(Double.NEGATIVE_INFINITY != d0)))) && ((!(f1 < Float.POSITIVE_INFINITY) && (l0 <= l0)) || (d0 > d0))) && (((f0 != f0) || (i1 >= i2)) && ((i2 >= -1) || ((l0 > -1L) && (i0 <= i0))))))) return;
            { long t3 = (long) (~(31) ^ 1); out.set(gid * 16 + 13, (int) t3); out.set(gid * 16 + 13 + 1, (int) (t3 >>> 32)); }
        }
    }
    public static void k50_1(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 3);
            int i1 = ia.get(gid * 8 + 4);
            long l0 = ((long) ia.get(gid * 8 + 2) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 5);
            double d0 = (double) fa.get(gid * 8 + 5) * -2147483648.5;
            for (int k1 = 0; k1 < ((i1 | i1) & 3); k1++) {
            }
            loc[lid] = i0;
            locf[lid] = -1.5f;
        }
    }
    public static void k50_2(int gid, int lid, IntArray ia, FloatArray fa, IntArray out, int[] loc, float[] locf) {
        {
            int i0 = ia.get(gid * 8 + 1);
            int i1 = ia.get(gid * 8 + 2);
            long l0 = ((long) ia.get(gid * 8 + 7) << 32) | (ia.get(gid * 8 + 3) & 0xffffffffL);
            float f0 = fa.get(gid * 8 + 7);
            double d0 = (double) fa.get(gid * 8 + 6) * Double.NEGATIVE_INFINITY;
            int i2 = loc[(lid + 24) & 63];
            float f1 = locf[(lid * 15) & 63];
            f1 = -(-((Float.POSITIVE_INFINITY + Float.POSITIVE_INFINITY)));
            if (((d0 > d0) || ((!(((f0 >= f1) || !(2654435761L >= 63L)) && !!(!((f0 == f0) || ((Double.POSITIVE_INFINITY > d0) && !((((!((f1 >= f0) && (0L >= l0)) || ((l0 != l0) && (-1 <= i1))) || ((((i0 >= i2) && (2654435761L > l0)) || (4.9E-324 > d0)) || !(Double.MIN_VALUE <= -2147483648.5))) && !(Integer.MAX_VALUE > i0)) && (((Double.MIN_VALUE == Double.MAX_VALUE) && (2654435761L == l0)) || ((i2 != i1) && (1.0E-30f >= -2.1474836E9f)))))) || ((2654435761L <= 1L) || !(Double.NEGATIVE_INFINITY != d0)))) && ((!(f1 < Float.POSITIVE_INFINITY) && (l0 <= l0)) || (d0 > d0))) && (((f0 != f0) || (i1 >= i2)) && ((i2 >= -1) || ((l0 > -1L) && (i0 <= i0))))))) return;
            { long t3 = (long) (~(31) ^ 1); out.set(gid * 16 + 13, (int) t3); out.set(gid * 16 + 13 + 1, (int) (t3 >>> 32)); }
        }
    }
    public static Task4<KernelContext, IntArray, FloatArray, IntArray> k50_task() { return Repro::k50; }
}
