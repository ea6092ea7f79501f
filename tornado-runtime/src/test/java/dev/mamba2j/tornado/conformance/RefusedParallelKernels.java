package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.annotations.Parallel;
import dev.mamba2j.tornado.api.arrays.IntArray;

/** Loop-parallel kernels the JIT refuses (each with the reason in its name), and one task method that is no kernel. */
public final class RefusedParallelKernels {
    private RefusedParallelKernels() {}

    public static void boundChanges(IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            out.set(i, i);
            n--;
        }
    }

    public static void stepChanges(IntArray out, int n) {
        int s = 1;
        for (@Parallel int i = 0; i < n; i += s) {
            out.set(i, i);
            s = 2;
        }
    }

    public static void assignsLoopVariable(IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            out.set(i, i);
            i += 1;
        }
    }

    public static void insideSequentialLoop(IntArray out, int n) {
        for (int r = 0; r < 2; r++)
            for (@Parallel int i = 0; i < n; i++) out.set(i, r);
    }

    public static void breakOut(IntArray in, IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            if (in.get(i) < 0) break;
            out.set(i, 1);
        }
    }

    public static void returnInside(IntArray in, IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            if (in.get(i) < 0) return;
            out.set(i, 1);
        }
    }

    public static void reduction(IntArray in, IntArray out, int n) {
        int sum = 0;
        for (@Parallel int i = 0; i < n; i++) {
            sum += in.get(i);
            out.set(i, sum);
        }
    }

    public static void countsDown(IntArray out, int n) {
        for (@Parallel int i = n - 1; i >= 0; i--) out.set(i, i);
    }

    public static void zeroStep(IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i += 0) out.set(i, i);
    }

    public static void notNested(IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) out.set(i, 1);
        for (@Parallel int j = 0; j < n; j++) out.set(j, 2);
    }

    public static void fourDeep(IntArray out, int n) {
        for (@Parallel int a = 0; a < n; a++)
            for (@Parallel int b = 0; b < n; b++)
                for (@Parallel int c = 0; c < n; c++)
                    for (@Parallel int d = 0; d < n; d++) out.set(((a * n + b) * n + c) * n + d, 1);
    }

    public static void notALoop(IntArray out, int n) {
        @Parallel int x = n;
        out.set(0, x);
    }

    public static void longVariable(IntArray out, int n) {
        for (@Parallel long i = 0; i < n; i++) out.set((int) i, 1);
    }

    public static void writesOutsideTheLoop(IntArray out, int n) {
        out.set(0, -1);
        for (@Parallel int i = 1; i < n; i++) out.set(i, i);
    }

    public static void contextAndParallelLoop(KernelContext ctx, IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) out.set(i, ctx.globalIdx);
    }

    @Kernel
    public static void callsAParallelHelper(IntArray out, int n) {
        fill(out, n);
    }

    static void fill(IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) out.set(i, 1);
    }

    /** Neither @Kernel nor a @Parallel loop: TaskGraph.task refuses it. */
    public static void unmarked(KernelContext ctx, IntArray out, int n) {
        if (ctx.globalIdx < n) out.set(ctx.globalIdx, 1);
    }
}
