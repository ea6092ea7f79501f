package dev.mamba2j.verification.fuzz;

import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.emit.ptx.PtxPrinter;
import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.emit.ptx.Ptxas;
import dev.mamba2j.tornado.emit.spirv.SpirvPrinter;
import dev.mamba2j.tornado.emit.spirv.SpirvTarget;
import dev.mamba2j.tornado.emit.spirv.SpirvTools;
import dev.mamba2j.tornado.driver.vulkan.VulkanDevice;
import dev.mamba2j.tornado.runtime.Compilation;
import dev.mamba2j.tornado.runtime.DeviceRegistry;
import dev.mamba2j.verification.fuzz.KernelGenerator.Kernel;
import dev.mamba2j.verification.fuzz.KernelGenerator.Stmt;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;

/**
 * Differential fuzzing of the JIT: random kernels ({@link KernelGenerator}) compiled from Java source in
 * memory, run as plain Java work-item by work-item (the ground truth) and on each device named, and,
 * where ptxas is installed, printed as PTX and assembled; if asked, where spirv-val is installed, printed
 * as Vulkan's SPIR-V and validated (the printer's structured control flow checked apart from any driver).
 * A kernel whose results differ from Java's in any bit, that a device refuses or fails to build, whose PTX
 * does not assemble or whose SPIR-V spirv-val refuses, is a finding; it is
 * shrunk by deleting statements while the same device still disagrees, to a small reproducer.
 */
public final class JitFuzzer {
    static final int GLOBAL = 256, LOCAL = KernelGenerator.LOCAL;
    private static final int POISON = 0x5a5a5a5a;
    private static final AtomicInteger CLASSES = new AtomicInteger();
    private static final String IMPORTS = """
            import dev.mamba2j.tornado.api.KernelContext;
            import dev.mamba2j.tornado.api.TornadoFunctions.Task4;
            import dev.mamba2j.tornado.api.annotations.Kernel;
            import dev.mamba2j.tornado.api.arrays.FloatArray;
            import dev.mamba2j.tornado.api.arrays.IntArray;
            """;

    /** A kernel some target got wrong: the target, what went wrong, and the shrunk kernel's source. */
    public record Finding(String target, String problem, String source) {}

    /** Kernels run, per target how many agreed with Java, and the findings. */
    public record Report(int kernels, Map<String, Integer> agreed, List<Finding> findings) {
        public String summary() {
            StringBuilder b = new StringBuilder(kernels + " kernels; agreeing with Java per target: " + agreed);
            for (Finding f : findings) b.append("\n  FINDING on ").append(f.target()).append(": ").append(f.problem()).append("\n").append(f.source());
            return b.toString();
        }
    }

    private final List<String> devices;
    private final Optional<Path> ptxas;
    private final PtxPrinter ptx = new PtxPrinter(PtxTarget.forDevice(9, 0, 13000));
    private final Optional<Path> spirvVal;
    private final Consumer<String> log;
    private boolean normalOnly;

    /**
     * @param devices device ids to run on (the JVM device, OpenCL, CUDA)
     * @param ptx     whether PTX is printed and assembled by ptxas (where installed) for every kernel
     */
    public JitFuzzer(List<String> devices, boolean ptx, Consumer<String> log) { this(devices, ptx, false, log); }

    /**
     * @param spirv whether every kernel is also printed as Vulkan's SPIR-V and checked by spirv-val (where
     *              installed): the target {@code spirv-val}
     */
    public JitFuzzer(List<String> devices, boolean ptx, boolean spirv, Consumer<String> log) {
        this.devices = List.copyOf(devices);
        this.ptxas = ptx ? Ptxas.find() : Optional.empty();
        this.spirvVal = spirv ? SpirvTools.find("spirv-val") : Optional.empty();
        this.log = log == null ? s -> { } : log;
    }

    /**
     * Kernels and inputs without subnormal floats (the same seed gives the same kernels, subnormal values
     * replaced by the smallest normal): for devices that may flush them, where they would hide other findings.
     */
    public JitFuzzer normalFloatsOnly() {
        normalOnly = true;
        return this;
    }

    /** Whether a device may flush subnormals: a Vulkan device granting no fp32 or no fp64 DenormPreserve. */
    public static boolean mayFlushSubnormals(String device) {
        return DeviceRegistry.get(device) instanceof VulkanDevice v && !v.floatControls().keepsSubnormals();
    }

    /** Whether PTX is assembled (ptxas found). */
    public boolean assemblesPtx() { return ptxas.isPresent(); }

    /** Whether Vulkan's SPIR-V is validated (asked for and spirv-val found). */
    public boolean validatesSpirv() { return spirvVal.isPresent(); }

    /** {@code count} kernels from {@code seed}, compiled {@code batch} to a class. */
    public Report run(int count, long seed, int batch) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Integer> agreed = new LinkedHashMap<>();
        Map<String, Long> nanos = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (int done = 0; done < count; ) {
            int n = Math.min(batch, count - done);
            KernelGenerator gen = new KernelGenerator(rnd.split(), normalOnly);
            List<Kernel> kernels = new ArrayList<>();
            for (int i = 0; i < n; i++) kernels.add(gen.kernel("k" + (done + i)));
            Class<?> c = load(kernels);
            int[][] inputs = inputs(rnd.nextLong(), normalOnly);
            for (Kernel k : kernels) {
                int[] expected = java(c, k, inputs);
                for (String target : targets()) {
                    long t0 = System.nanoTime();
                    String problem = check(c, k, target, inputs, expected);
                    nanos.merge(target, System.nanoTime() - t0, Long::sum);
                    if (problem == null) {
                        agreed.merge(target, 1, Integer::sum);
                        continue;
                    }
                    log.accept("kernel " + k.name + " on " + target + ": " + problem + "; shrinking");
                    Kernel small = shrink(k, target, inputs);
                    Class<?> sc = load(List.of(small));
                    String p = check(sc, small, target, inputs, java(sc, small, inputs));
                    findings.add(new Finding(target, p == null ? problem : p, source(List.of(small), "Repro")));
                }
            }
            done += n;
            final int d = done;
            StringBuilder times = new StringBuilder();
            nanos.forEach((t, ns) -> times.append(' ').append(t).append(String.format(" %.0f ms", ns / 1e6 / d)));
            log.accept(done + "/" + count + " kernels: " + agreed + ", " + findings.size() + " findings; per kernel:" + times);
        }
        return new Report(count, agreed, findings);
    }

    private List<String> targets() {
        List<String> t = new ArrayList<>(devices);
        if (ptxas.isPresent()) t.add("ptxas");
        if (spirvVal.isPresent()) t.add("spirv-val");
        return t;
    }

    /**
     * Inputs: per work-item 8 ints (edge values and random) and 8 floats (edges, random, bit patterns); if
     * {@code normalOnly}, a subnormal float is replaced by the smallest normal of its sign.
     */
    static int[][] inputs(long seed, boolean normalOnly) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] edgesI = {0, 1, -1, 31, 32, 33, 64, Integer.MIN_VALUE, Integer.MAX_VALUE, -2, 0x80000001, 65535};
        float[] edgesF = {0f, -0f, 1f, -1f, 0.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE,
                -Float.MIN_NORMAL, 2.1474836E9f, -9.223372E18f, 3.4028235E38f, 1e-40f};
        int n = GLOBAL * KernelGenerator.IN;
        int[] ia = new int[n], fa = new int[n];
        for (int i = 0; i < n; i++) {
            ia[i] = r.nextInt(3) == 0 ? r.nextInt() : edgesI[r.nextInt(edgesI.length)];
            float f = switch (r.nextInt(3)) {
                case 0 -> edgesF[r.nextInt(edgesF.length)];
                case 1 -> (float) r.nextGaussian() * 1000f;
                default -> Float.intBitsToFloat(r.nextInt() & 0x7f7fffff | (r.nextBoolean() ? 0x80000000 : 0));
            };
            if (normalOnly && f != 0 && Math.abs(f) < Float.MIN_NORMAL) f = Math.copySign(Float.MIN_NORMAL, f);
            fa[i] = Float.floatToRawIntBits(f);
        }
        return new int[][] {ia, fa};
    }

    static String source(List<Kernel> kernels, String className) {
        StringBuilder b = new StringBuilder("package fuzzgen;\n\n" + IMPORTS + "\npublic final class " + className + " {\n");
        for (Kernel k : kernels) {
            b.append(k.source());
            b.append("    public static Task4<KernelContext, IntArray, FloatArray, IntArray> ").append(k.name)
                    .append("_task() { return ").append(className).append("::").append(k.name).append("; }\n");
        }
        return b.append("}\n").toString();
    }

    private static Class<?> load(List<Kernel> kernels) {
        String name = "Gen" + CLASSES.incrementAndGet();
        return SourceCompiler.compile("fuzzgen." + name, source(kernels, name));
    }

    /** The ground truth: the kernel's statements as plain Java, every work-item in turn (phase by phase within a group). */
    static int[] java(Class<?> c, Kernel k, int[][] inputs) {
        IntArray ia = IntArray.fromArray(inputs[0]), out = poisoned();
        FloatArray fa = floats(inputs[1]);
        try {
            if (!k.barrier) {
                Method m = c.getMethod(k.name + "_1", int.class, int.class, IntArray.class, FloatArray.class, IntArray.class);
                for (int g = 0; g < GLOBAL; g++) m.invoke(null, g, g % LOCAL, ia, fa, out);
            } else {
                Class<?>[] p = {int.class, int.class, IntArray.class, FloatArray.class, IntArray.class, int[].class, float[].class};
                Method m1 = c.getMethod(k.name + "_1", p), m2 = c.getMethod(k.name + "_2", p);
                for (int group = 0; group < GLOBAL / LOCAL; group++) {
                    int[] loc = new int[LOCAL];
                    float[] locf = new float[LOCAL];
                    for (int l = 0; l < LOCAL; l++) m1.invoke(null, group * LOCAL + l, l, ia, fa, out, loc, locf);
                    for (int l = 0; l < LOCAL; l++) m2.invoke(null, group * LOCAL + l, l, ia, fa, out, loc, locf);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated kernel " + k.name + " failed as plain Java", e);
        }
        return out.toHeapArray();
    }

    /** Null if {@code target} computes {@code expected}; else what differs or failed. */
    String check(Class<?> c, Kernel k, String target, int[][] inputs, int[] expected) {
        try {
            if (target.equals("ptxas")) {
                Method m = c.getMethod(k.name, KernelContext.class, IntArray.class, FloatArray.class, IntArray.class);
                String code = Compilation.compile(m, new Object[4], ptx).code().text();
                Ptxas.Result r = Ptxas.assemble(ptxas.orElseThrow(), code, "sm_90");
                return r.ok() ? null : "ptxas fails (exit " + r.exitCode() + (r.exitCode() == 139 ? ", SIGSEGV" : "") + "): " + r.log().strip();
            }
            if (target.equals("spirv-val")) {
                Method m = c.getMethod(k.name, KernelContext.class, IntArray.class, FloatArray.class, IntArray.class);
                byte[] module = Compilation.compile(m, new Object[4], SpirvPrinter.VULKAN).code().binary();
                SpirvTools.Result r = SpirvTools.validate(spirvVal.orElseThrow(), module, SpirvTarget.VULKAN);
                return r.ok() ? null : "spirv-val refuses the Vulkan module: " + r.log().strip();
            }
            @SuppressWarnings("unchecked")
            Task4<KernelContext, IntArray, FloatArray, IntArray> task =
                    (Task4<KernelContext, IntArray, FloatArray, IntArray>) c.getMethod(k.name + "_task").invoke(null);
            IntArray ia = IntArray.fromArray(inputs[0]), out = poisoned();
            FloatArray fa = floats(inputs[1]);
            TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, ia, fa, out)
                    .task("k", task, new KernelContext(), ia, fa, out).transferToHost(EVERY_EXECUTION, out);
            try (ExecutionPlan plan = new ExecutionPlan(g.snapshot())) {
                plan.withDevice(target).withGrid("t.k", WorkerGrid.of1D(GLOBAL).setLocalWork(LOCAL)).execute();
            }
            int[] got = out.toHeapArray();
            for (int i = 0; i < got.length; i++)
                if (got[i] != expected[i])
                    return "work-item " + i / KernelGenerator.OUT + " slot " + i % KernelGenerator.OUT + ": 0x" + Integer.toHexString(got[i])
                            + ", Java 0x" + Integer.toHexString(expected[i]);
            return null;
        } catch (Exception | Error e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            String m = String.valueOf(e.getMessage());
            return e.getClass().getSimpleName() + ": " + (m.length() > 600 ? m.substring(0, 600) + "..." : m);
        }
    }

    /** Deletes statements, one at a time, while {@code target} still disagrees with Java; unused helpers are dropped. */
    Kernel shrink(Kernel k, String target, int[][] inputs) {
        boolean progress = true;
        int tries = 0;
        while (progress && tries < 150) {
            progress = false;
            for (List<Stmt> list : lists(k)) {
                for (int i = 0; i < list.size() && tries < 150; i++) {
                    if (!list.get(i).removable) continue;
                    Stmt removed = list.remove(i);
                    tries++;
                    if (fails(k, target, inputs)) {
                        progress = true;
                        i--;
                    } else {
                        list.add(i, removed);
                    }
                }
            }
        }
        String body = k.statements();
        k.helpers.removeIf(h -> !body.contains(h.substring(h.indexOf(' ', 7) + 1, h.indexOf('(')) + "("));
        return k;
    }

    private boolean fails(Kernel k, String target, int[][] inputs) {
        try {
            Class<?> c = load(List.of(k));
            return check(c, k, target, inputs, java(c, k, inputs)) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<List<Stmt>> lists(Kernel k) {
        List<List<Stmt>> out = new ArrayList<>();
        collect(k.phase1, out);
        collect(k.phase2, out);
        return out;
    }

    private static void collect(List<Stmt> l, List<List<Stmt>> out) {
        out.add(l);
        for (Stmt s : l) if (s.body != null) collect(s.body, out);
    }

    private static IntArray poisoned() {
        IntArray out = new IntArray(GLOBAL * KernelGenerator.OUT);
        out.init(POISON);
        return out;
    }

    private static FloatArray floats(int[] bits) {
        FloatArray fa = new FloatArray(bits.length);
        for (int i = 0; i < bits.length; i++) fa.set(i, Float.intBitsToFloat(bits[i]));
        return fa;
    }
}
