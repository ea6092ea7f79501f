package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.jit.bytecode.FrontEnd;
import dev.mamba2j.tornado.api.LocalGemm;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.MathTarget;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Var;
import dev.mamba2j.tornado.jit.loops.ParallelLoop;
import dev.mamba2j.tornado.jit.pass.BarrierDivergence;
import dev.mamba2j.tornado.jit.pass.ArrayParams;
import dev.mamba2j.tornado.jit.pass.BoundsChecks;
import dev.mamba2j.tornado.jit.pass.ResidencyChecks;
import dev.mamba2j.tornado.jit.pass.Optimizer;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JIT's entry point: a kernel method, its arguments and a printer's {@link MathTarget} to
 * optimised, lowered IR, ready for that printer. The bytecode is parsed and translated once per
 * method, optimised and lowered once per (method, specialised values, target). A scalar parameter is
 * specialised (folded in, and left out of the device signature) only when a local or private array's
 * size, or a localGemm size, depends on it.
 */
public final class KernelJit {
    private static final Map<Method, FrontEnd.Translation> IR = new ConcurrentHashMap<>();
    private static final Map<Method, Set<Integer>> SPECIALISED = new ConcurrentHashMap<>();
    private static final Map<Key, KernelIr> OPTIMISED = new ConcurrentHashMap<>();

    /** Checked mode is part of the key: a suite turns it off for tests of the plain code while others run checked, in one process. */
    private record Key(Method method, Map<Integer, Object> specialised, MathTarget target, boolean checked) {}

    private KernelJit() {}

    /**
     * The kernel's IR for these arguments, lowered for target, refusing Java outside the kernel subset.
     *
     * @param args   the task's arguments (values of specialised scalars are read from them; may hold
     *               nulls elsewhere, and may be null if the kernel needs no specialisation)
     * @param target what the printer computes natively ({@code Printer.mathTarget()})
     */
    public static KernelIr compile(Method m, Object[] args, MathTarget target) {
        FrontEnd.Translation tr = translate(m);
        Map<Integer, Object> values = new TreeMap<>();
        for (int i : SPECIALISED.computeIfAbsent(m, k -> specialisedParams(tr))) {
            Object v = args == null || i >= args.length ? null : args[i];
            if (!(v instanceof Number || v instanceof Boolean))
                throw new KernelCompilationException(m.getDeclaringClass().getName() + "." + m.getName()
                        + ": argument " + i + " sizes a local array and must be given as a number, got " + v);
            values.put(i, v);
        }
        return OPTIMISED.computeIfAbsent(new Key(m, Map.copyOf(values), target, checked()), k -> optimise(m, tr, values, target));
    }

    /** Translates the method once (cached), refusing Java outside the kernel subset. */
    public static void check(Method m) { translate(m); }

    /**
     * The method's {@code @Parallel} loops, outermost first; empty for a kernel that reads its ids from
     * a KernelContext. Translates the method (once), so Java outside the kernel subset is refused here too.
     */
    public static List<ParallelLoop> parallelLoops(Method m) { return translate(m).parallelLoops(); }

    /** The optimised IR for these specialised values, before lowering (for tests). */
    public static Function optimised(Method m, Map<Integer, Object> values) {
        return Optimizer.run(translate(m).function(), values);
    }

    /** Lowers an optimised function for target, in place, the device math library at hand (for IR built by hand). */
    public static Function lower(Function f, MathTarget target) { return Optimizer.lower(f, target, DeviceLibrary.INSTANCE); }

    private static FrontEnd.Translation translate(Method m) { return IR.computeIfAbsent(m, FrontEnd::translate); }

    /** Scalar parameters that some local/private array size or localGemm size depends on. */
    private static Set<Integer> specialisedParams(FrontEnd.Translation tr) {
        Function f = Optimizer.run(tr.function(), Map.of());
        Set<Integer> needed = new TreeSet<>();
        for (Map.Entry<ArrayRef, Operand> a : f.allocations().entrySet()) {
            if (a.getValue() instanceof Const) continue;
            Set<Integer> inputs = Optimizer.scalarInputs(f, a.getValue());
            if (inputs.isEmpty()) throw notConstant(tr, a.getKey());
            needed.addAll(inputs);
        }
        for (Block b : f.blocks())
            for (Instr i : b.instrs())
                if (i instanceof Instr.Gemm g)
                    for (Operand o : List.of(g.m(), g.n(), g.k(), g.lda(), g.ldb(), g.ldc())) // the tf32 flag may stay a runtime value
                        if (!(o instanceof Const)) needed.addAll(Optimizer.scalarInputs(f, o));
        return needed;
    }

    /** Every localGemm must have constant sizes that follow {@link LocalGemm}'s rules, whatever the device; true if there is one. */
    private static boolean checkGemms(Method m, Function f) {
        boolean any = false;
        for (Block b : f.blocks())
            for (Instr i : b.instrs()) {
                if (!(i instanceof Instr.Gemm g)) continue;
                any = true;
                String where = m.getDeclaringClass().getName() + "." + m.getName();
                int[] v = {size(where, g.m()), size(where, g.n()), size(where, g.k()), size(where, g.lda()), size(where, g.ldb()),
                        size(where, g.ldc())};
                try {
                    LocalGemm.check(v[0], v[1], v[2], size(f, g.a()), v[3], size(f, g.b()), v[4], size(f, g.c()), v[5], LocalGemm.WARP);
                } catch (IllegalArgumentException e) {
                    throw new KernelCompilationException(where + ": " + e.getMessage()
                            + " (arrays " + g.a() + ", " + g.b() + ", " + g.c() + ")");
                }
            }
        return any;
    }

    private static int size(Function f, ArrayRef a) { return ((Const) f.allocations().get(a)).asInt(); }

    private static int size(String where, Operand o) {
        if (o instanceof Const c) return c.asInt();
        throw new KernelCompilationException(where + ": localGemm's sizes must be compile-time constants, got " + o);
    }

    private static KernelIr optimise(Method m, FrontEnd.Translation tr, Map<Integer, Object> values, MathTarget target) {
        Function f = Optimizer.run(tr.function(), values);
        for (Map.Entry<ArrayRef, Operand> a : f.allocations().entrySet())
            if (!(a.getValue() instanceof Const c) || c.asInt() < 1) throw notConstant(tr, a.getKey(), f, a.getValue());
        boolean gemm = checkGemms(m, f);
        ArrayParams arrays = ArrayParams.of(f);
        List<String> sites = List.of();
        if (checked()) {
            checkedMode(m, f);
            List<String> all = new ArrayList<>(BoundsChecks.apply(f));
            ResidencyChecks.apply(f, arrays, all);
            sites = List.copyOf(all);
        }
        Optimizer.lower(f, target, DeviceLibrary.INSTANCE);
        return new KernelIr(f, Collections.unmodifiableMap(new LinkedHashMap<>(values)), gemm ? LocalGemm.WARP : 1, sites, arrays);
    }

    /** Largest private array checked mode accepts, in elements per work-item. */
    public static final int CHECKED_PRIVATE_ELEMENTS = 1024;

    /** Whether {@code -Dmamba2j.checked=true}: kernels are compiled with the checks of {@link #checkedMode}. */
    public static boolean checked() { return Boolean.getBoolean("mamba2j.checked"); }

    /**
     * Checked mode's refusals (its bounds checks are added by {@link BoundsChecks}): a barrier that not every work-item of a group may reach (see
     * {@link BarrierDivergence}), and a private array of more than {@link #CHECKED_PRIVATE_ELEMENTS} elements.
     */
    static void checkedMode(Method m, Function f) {
        String where = m.getDeclaringClass().getName() + "." + m.getName();
        if (!BarrierDivergence.divergentBarriers(f).isEmpty())
            throw new KernelCompilationException(where + ": a barrier is reached under a branch on a value that differs between the work-items "
                    + "of a group (an id, or data read at one), or after an early return some work-items take: every work-item of a group "
                    + "must reach every barrier (checked mode, -Dmamba2j.checked=true)");
        for (Map.Entry<ArrayRef, Operand> a : f.allocations().entrySet())
            if (a.getKey().space() == Space.PRIVATE && a.getValue() instanceof Const c && c.asInt() > CHECKED_PRIVATE_ELEMENTS)
                throw new KernelCompilationException(where + ": private array " + a.getKey().name() + " has " + c.asInt() + " elements per work-item, more than "
                        + "the " + CHECKED_PRIVATE_ELEMENTS + " checked mode accepts (a GPU spills it to slow memory; use a local array)");
    }

    private static KernelCompilationException notConstant(FrontEnd.Translation tr, ArrayRef a) {
        return new KernelCompilationException(tr.allocSites().get(a) + ": the size of array " + a.name()
                + " is not a compile-time constant (use a constant, a static final field or a scalar kernel parameter)");
    }

    /**
     * As above, naming the local variable the size reads that holds another value elsewhere in the method:
     * javac gives a variable declared after a loop (or block) ends the slot of one whose scope ended, and
     * the size then depends on both.
     */
    private static KernelCompilationException notConstant(FrontEnd.Translation tr, ArrayRef a, Function f, Operand size) {
        Var shared = sharedSlot(f, size);
        if (shared == null) return notConstant(tr, a);
        return new KernelCompilationException(tr.allocSites().get(a) + ": the size of array " + a.name() + " is not a compile-time constant:"
                + " it reads the local variable slot of '" + shared.name().replaceFirst("_\\d+$", "") + "', which the method assigns"
                + " elsewhere too: javac gives a variable declared after a loop or block ends the slot of one whose scope ended, so the size"
                + " shares its slot with another variable; declare the size's variables before that loop or block, or compute the size inline");
    }

    /** A named local (not a temporary) the size depends on that is assigned more than once, or null. */
    private static Var sharedSlot(Function f, Operand size) {
        Map<Var, Integer> defs = new java.util.HashMap<>();
        for (Block b : f.blocks()) for (Instr i : b.instrs()) if (i.dst() != null) defs.merge(i.dst(), 1, Integer::sum);
        Set<Var> seen = new java.util.HashSet<>();
        java.util.Deque<Operand> work = new java.util.ArrayDeque<>(List.of(size));
        while (!work.isEmpty()) {
            if (!(work.pop() instanceof Var v) || !seen.add(v)) continue;
            if (defs.getOrDefault(v, 0) > 1 && !v.name().startsWith("t_") && !v.name().matches("s\\d+_.*")) return v;
            for (Block b : f.blocks()) for (Instr i : b.instrs()) if (v.equals(i.dst())) work.addAll(i.uses());
        }
        return null;
    }

}
