package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathTarget;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Var;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The pass pipeline; works on a copy, so the cached front-end IR is never changed. */
public final class Optimizer {
    private static final int MAX_ROUNDS = 16;

    private Optimizer() {}

    public static Function run(Function original, Map<Integer, Object> specialised) {
        Function f = Specialise.apply(original.copy(), specialised);
        FloatMath.apply(f);
        clean(f);
        // Short branches of arithmetic become selects: loop bodies become single blocks, and loads
        // no longer wait behind branches.
        if (IfConvert.apply(f)) clean(f);
        // Counted loops over private arrays are unrolled once their bounds are constants; the
        // arrays whose indices then are all constants become plain variables (registers). Unrolling an
        // inner loop leaves its outer loop's body in pieces that cleaning joins, so it is repeated.
        boolean unrolled = false;
        while (UnrollPrivateLoops.apply(f)) {
            clean(f);
            unrolled = true;
        }
        // The copies of an unrolled body reuse its variables; one variable per definition lets folding
        // make their indices constants, which is what keeping the arrays in registers needs.
        if (unrolled && SplitLocals.apply(f)) clean(f);
        if (ScalarReplace.apply(f)) clean(f);
        return f;
    }

    /**
     * The last step, for the printer's target: the math the target lacks inlined from the library and
     * folded with its arguments, then Java's rules written out in plain IR and cleaned again (folding
     * now knows the lowered meanings). Refuses what the target still cannot compute.
     */
    public static Function lower(Function f, MathTarget target, InlineMath.Library library) {
        if (InlineMath.apply(f, target, library)) clean(f);
        JavaSemantics.apply(f, target);
        clean(f);
        for (Block b : f.blocks())
            for (Instr i : b.instrs()) {
                if (i instanceof Instr.Call c && !target.has(c.fn(), c.dst().type()))
                    throw new KernelCompilationException(f.name() + ": " + target + " has no " + c.fn() + " on " + c.dst().type());
                if (i instanceof Instr.Binary x && x.op() == BinOp.REM && x.dst().type().isFloating() && !target.floatingRem())
                    throw new KernelCompilationException(f.name() + ": " + target + " has no floating remainder");
            }
        return f;
    }

    /**
     * The pipeline for a device math library function: the kernels' passes, then block-local variables
     * split into one per definition and copies propagated, which removes the moves if-conversion and
     * the operand stack leave, and overwritten private stores dropped, so that the library is as short
     * as hand-written code (kernels keep their code as the kernel passes make it).
     */
    public static Function library(Function original) {
        Function f = run(original, Map.of());
        if (SplitLocals.apply(f) | CopyPropagation.apply(f) | DeadStores.apply(f)) clean(f);
        return f;
    }

    /** Folding, dead code and block simplification until nothing changes. */
    private static void clean(Function f) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = ConstantFold.apply(f);
            changed |= DeadCode.apply(f);
            changed |= SimplifyBlocks.apply(f);
            changed |= Coalesce.apply(f);
            if (!changed) break;
        }
    }

    /** Java indices of the scalar parameters whose values flow into v (through any definitions). */
    public static Set<Integer> scalarInputs(Function f, Operand v) {
        Map<Var, Integer> paramOf = new HashMap<>();
        for (Param p : f.params()) if (p.kind() == Param.Kind.SCALAR) paramOf.put(p.var(), p.javaIndex());
        Set<Integer> out = new TreeSet<>();
        Set<Var> seen = new HashSet<>();
        Deque<Operand> work = new ArrayDeque<>();
        work.push(v);
        while (!work.isEmpty()) {
            if (!(work.pop() instanceof Var x) || !seen.add(x)) continue;
            if (paramOf.containsKey(x)) out.add(paramOf.get(x));
            for (Block b : f.blocks()) for (Instr i : b.instrs()) if (x.equals(i.dst())) work.addAll(i.uses());
        }
        return out;
    }
}
