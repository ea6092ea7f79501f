package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.driver.cuda.PtxTarget;
import dev.mamba2j.tornado.emit.OpenClEmitter;
import dev.mamba2j.tornado.emit.PtxEmitter;
import dev.mamba2j.tornado.jit.bytecode.FrontEnd;
import dev.mamba2j.tornado.api.LocalGemm;
import dev.mamba2j.tornado.jit.ir.ArrayRef;
import dev.mamba2j.tornado.jit.ir.Block;
import dev.mamba2j.tornado.jit.ir.Instr;
import dev.mamba2j.tornado.jit.ir.Const;
import dev.mamba2j.tornado.jit.ir.DeviceParam;
import dev.mamba2j.tornado.jit.ir.Function;
import dev.mamba2j.tornado.jit.ir.Operand;
import dev.mamba2j.tornado.jit.pass.Optimizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The JIT's entry point: a kernel method and its arguments to device code. The bytecode is parsed
 * and translated once per method; code is printed once per (method, specialised values, language).
 * A scalar parameter is specialised (folded in, and left out of the device signature) only when a
 * local or private array's size depends on it. {@code -Dmamba2j.dumpKernels=DIR} writes every
 * printed kernel to DIR.
 */
public final class KernelJit {
    private static final Map<Method, FrontEnd.Translation> IR = new ConcurrentHashMap<>();
    private static final Map<Method, Set<Integer>> SPECIALISED = new ConcurrentHashMap<>();
    private static final Map<Key, CompiledKernel> CODE = new ConcurrentHashMap<>();

    private record Key(Method method, Map<Integer, Object> specialised, CompiledKernel.Language language, PtxTarget target) {}

    private KernelJit() {}

    /**
     * @param args the task's arguments (values of specialised scalars are read from them; may hold
     *             nulls elsewhere, and may be null if the kernel needs no specialisation)
     */
    public static CompiledKernel compile(Method m, Object[] args, CompiledKernel.Language lang) {
        return compile(m, args, lang, null);
    }

    /** @param target the PTX target (needed for {@link CompiledKernel.Language#PTX}); ignored otherwise */
    public static CompiledKernel compile(Method m, Object[] args, CompiledKernel.Language lang, PtxTarget target) {
        if (lang == CompiledKernel.Language.PTX && target == null)
            throw new IllegalArgumentException("PTX needs a target (compute capability and PTX ISA) for " + m);
        FrontEnd.Translation tr = translate(m);
        Map<Integer, Object> values = new TreeMap<>();
        for (int i : SPECIALISED.computeIfAbsent(m, k -> specialisedParams(tr))) {
            Object v = args == null || i >= args.length ? null : args[i];
            if (!(v instanceof Number || v instanceof Boolean))
                throw new KernelCompilationException(m.getDeclaringClass().getName() + "." + m.getName()
                        + ": argument " + i + " sizes a local array and must be given as a number, got " + v);
            values.put(i, v);
        }
        return CODE.computeIfAbsent(new Key(m, Map.copyOf(values), lang, lang == CompiledKernel.Language.PTX ? target : null),
                k -> print(m, tr, values, lang, target));
    }

    /** Translates the method once (cached), refusing Java outside the kernel subset. */
    public static void check(Method m) { translate(m); }

    /** The optimised IR for these specialised values (for tests and other printers). */
    public static Function optimised(Method m, Map<Integer, Object> values) {
        return Optimizer.run(translate(m).function(), values);
    }

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

    /** The folder of -Dmamba2j.dumpKernels, or null when kernels are not dumped. */
    public static Path dumpDirectory() {
        String dir = System.getProperty("mamba2j.dumpKernels");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    private static CompiledKernel print(Method m, FrontEnd.Translation tr, Map<Integer, Object> values, CompiledKernel.Language lang,
                                        PtxTarget target) {
        Function f = Optimizer.run(tr.function(), values);
        for (Map.Entry<ArrayRef, Operand> a : f.allocations().entrySet())
            if (!(a.getValue() instanceof Const c) || c.asInt() < 1) throw notConstant(tr, a.getKey());
        boolean gemm = checkGemms(m, f);
        String text, entry;
        switch (lang) {
            case OPENCL_C -> {
                text = OpenClEmitter.emit(f);
                entry = OpenClEmitter.entryName(f);
            }
            case PTX -> {
                text = PtxEmitter.emit(f, target);
                entry = f.name();
            }
            default -> throw new KernelCompilationException("no " + lang + " printer yet for " + m);
        }
        List<CompiledKernel.Param> params = new ArrayList<>();
        for (DeviceParam p : f.deviceParams()) params.add(new CompiledKernel.Param(p.kind(), p.javaIndex(), p.javaType()));
        dump(m, lang, text);
        return new CompiledKernel(entry, lang, text, null, List.copyOf(params), Collections.unmodifiableMap(new LinkedHashMap<>(values)),
                gemm ? LocalGemm.WARP : 1);
    }

    private static KernelCompilationException notConstant(FrontEnd.Translation tr, ArrayRef a) {
        return new KernelCompilationException(tr.allocSites().get(a) + ": the size of array " + a.name()
                + " is not a compile-time constant (use a constant, a static final field or a scalar kernel parameter)");
    }

    private static void dump(Method m, CompiledKernel.Language lang, String text) {
        Path dir = dumpDirectory();
        if (dir == null) return;
        String ext = switch (lang) { case OPENCL_C -> ".cl"; case PTX -> ".ptx"; case SPIRV -> ".spv"; };
        String name = m.getDeclaringClass().getSimpleName() + "_" + m.getName() + "_"
                + Integer.toHexString(text.hashCode()) + ext;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot dump kernel to " + dir, e);
        }
    }
}
