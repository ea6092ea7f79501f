// Fixed (Structurer.armsApart; the conformance kernel remainderOrChainBeforeBarrier): kernel k106 of `fuzz-jit --seed 500`
// (2026-12-04) was refused for Vulkan, "control flow that could not be
// structured"; reduced by hand to the kernel below, which was refused the same way on every Vulkan device (here, and
// through NVIDIA's driver): "a: control flow that could not be structured for Vulkan (L9's merge L39 is never
// emitted)". Its parts: an if whose one arm is a double % (the device math library's remainder, with a loop) and
// whose other arm is a chain of && and || tests whose short-circuit branches cross, both arms meeting at a tail that
// holds a barrier, which is not copied per arm (Structurer.barrierTails). Without the barrier, or with a plain test in
// place of the chain, or without the %, it is structured. The first pass breaks the rules at the chain (an exit of one
// test's construct), the second, with chains in sequence, drew the if's header into the chain with both arms' tests;
// a test whose two arms share no test and no exit now starts no chain, and its arms' chains are sequenced apart.
package fuzzgen;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

public final class Repro {
    @Kernel public static void a(KernelContext ctx, IntArray ia, FloatArray fa, IntArray out) {
        int gid = ctx.globalIdx, lid = ctx.localIdx;
        int[] loc = ctx.allocateIntLocalArray(64);
        int b = ia.get(gid + 1), c = ia.get(gid + 2);
        double d0 = (double) fa.get(gid * 8 + 1);
        if (d0 > 3) {
            d0 = d0 % 7.0;
        } else {
            if ((b > 0 && c > 0) || (c < 0 && (b == -1 || b == 64))) {
                out.set(gid * 16 + 9, 5);
            }
        }
        loc[lid] = (int) d0;
        ctx.localBarrier();
        out.set(gid, loc[(lid + 16) & 63]);
    }
}
