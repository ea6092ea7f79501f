// Fixed, the SPIR-V printer's: kernel k17 of `fuzz-jit --seed 7` (vkCreateComputePipelines -13 on lavapipe),
// its condition shrunk by hand from 80 to 28 nodes. The Vulkan flavour of this kernel is refused by
// spirv-val (--target-env vulkan1.2): "The following forward referenced IDs have not been defined" (a
// test's merge block is never emitted); the unshrunk kernel: "block … exits the selection headed by …, but
// not via a structured exit". Long chains of && and || whose short-circuit branches leave an enclosing
// test's construct: the structurer's fusing of such pairs (Structurer.fuseConditions) did not cover them.
// k27, k52 and k63 of the same seed were refused the same way. OpenCL C, PTX and the other devices agree with Java.
// The structurer now evaluates such chains in sequence where its result breaks the structured rules (docs/fuzzing.md).
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void k17(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx;
        int i0 = ia.get(gid * 8 + 6); int i1 = ia.get(gid * 8 + 5);
        long l0 = ((long) ia.get(gid * 8 + 1) << 32) | (ia.get(gid * 8 + 5) & 0xffffffffL);
        float f0 = fa.get(gid * 8 + 7); double d0 = (double) fa.get(gid * 8 + 3) * 1.0;
        { long t5 = ((l0 & -(l0)) ^ -((((((!((l0 != l0) && ((f0 == Float.MAX_VALUE) || (d0 <= d0))) && (((f0 < f0) && (((63 <= i1) && (d0 != d0)) && (l0 != l0))) && (d0 != -2147483648.5))) || (d0 <= d0)) || ((32 < i0) && ((i1 > 31) && (i1 < Integer.MAX_VALUE)))) || ((d0 <= Double.POSITIVE_INFINITY) && (2654435761L >= l0)))) ? 64L : -4294967296L)); out.set(gid * 16 + 7, (int) t5); out.set(gid * 16 + 7 + 1, (int) (t5 >>> 32)); }
        { long t6 = l0; out.set(gid * 16 + 9, (int) t6); out.set(gid * 16 + 9 + 1, (int) (t6 >>> 32)); }
    }
}
