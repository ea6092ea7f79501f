package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.jit.KernelJit;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Terminator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.mamba2j.tornado.jit.pass.UnrollPrivateLoopsTest.privateAccesses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Branches of arithmetic become selects; branches around memory reads stay branches. */
class IfConvertTest {

    /** Loads from clamped addresses into a private array, then masked values: no branch is needed. */
    @Kernel
    public static void maskedRows(KernelContext ctx, FloatArray in, FloatArray out, int n) {
        int i = ctx.globalIdx;
        float[] raw = new float[4];
        for (int r = 0; r < 4; r++) raw[r] = in.get(Math.min(i + r * 64, n - 1));
        for (int r = 0; r < 4; r++) {
            int j = i + r * 64;
            boolean keep = j < n & j % 3 != 0;
            float a = raw[r]; // read outside the ternary: array reads are never run speculatively
            float v = keep ? a * 2f + 1f : -0f;
            if (j % 5 == 0) v = v * v;
            out.set(i * 4 + r, v);
        }
    }

    /** The load may only run where i is even: it must stay behind its branch. */
    @Kernel
    public static void guardedLoad(KernelContext ctx, FloatArray in, FloatArray out) {
        int i = ctx.globalIdx;
        out.set(i, i % 2 == 0 ? in.get(i / 2) : 0f);
    }

    static long branches(Function f) {
        return f.blocks().stream().filter(b -> b.term() instanceof Terminator.Branch).count();
    }

    static long selects(Function f) {
        long k = 0;
        for (Block b : f.blocks()) for (Instr i : b.instrs()) if (i instanceof Instr.Select) k++;
        return k;
    }

    @Test
    void maskedLoopsBecomeStraightLineCode() {
        Function f = KernelJit.optimised(UnrollPrivateLoopsTest.kernel(IfConvertTest.class, "maskedRows"), Map.of());
        assertEquals(0, branches(f), f.toString());
        assertEquals(1, f.blocks().size(), f.toString());
        assertEquals(0, privateAccesses(f), "the loops unroll and the array becomes variables:\n" + f);
        assertTrue(selects(f) >= 8, f.toString());
    }

    @Test
    void loadsStayBehindTheirBranch() {
        Function f = KernelJit.optimised(UnrollPrivateLoopsTest.kernel(IfConvertTest.class, "guardedLoad"), Map.of());
        assertEquals(1, branches(f), f.toString());
        assertEquals(0, selects(f), f.toString());
    }
}
