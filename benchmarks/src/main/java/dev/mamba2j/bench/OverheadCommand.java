package dev.mamba2j.bench;

import dev.mamba2j.model.FastFill;

import dev.mamba2j.tornado.runtime.Compilation;
import dev.mamba2j.tornado.runtime.DeviceRegistry;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;
import dev.mamba2j.tornado.emit.ptx.PtxPrinter;

import static dev.mamba2j.tornado.api.DataTransferMode.FIRST_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.UNDER_DEMAND;

import dev.mamba2j.kernels.linalg.Copy;
import dev.mamba2j.kernels.linalg.Matmul;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.NativeArray;
import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.driver.cuda.CudaSession;
import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.emit.KernelCode;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the runtime itself costs, and two yardsticks, on one device: JIT time per kernel (bytecode to
 * OpenCL C and to PTX, then the driver's build or load), host time per {@code execute()} of a graph
 * of four tiny kernels against their device time, the same kernel launched straight through the
 * driver session, and the achieved bandwidth of a copy kernel and FLOP rate of a tiled matmul.
 */
@Command(name = "overhead", mixinStandardHelpOptions = true,
        description = "JIT and launch overhead of the runtime, copy GB/s and matmul TFLOP/s; CSV and JSON into --out.")
final class OverheadCommand implements Callable<Integer> {
    @Mixin DeviceOption deviceOption;
    @Option(names = "--launches", defaultValue = "1000", description = "timed executions of the tiny graph and launches") int launches;
    @Option(names = "--tiny-n", defaultValue = "1024", description = "elements of the tiny kernels") int tinyN;
    @Option(names = "--copy-mib", defaultValue = "1024", description = "MiB copied by the copy kernel (read; as much written)") int copyMib;
    @Option(names = "--matmul-n", defaultValue = "4096", description = "n of the n×n×n matmul") int matmulN;
    @Option(names = "--repeats", defaultValue = "20", description = "timed runs of the copy and the matmul") int repeats;
    @Option(names = "--quick", description = "small sizes for a CPU: 200 launches, 16 MiB copy, 256³ matmul") boolean quick;
    @Option(names = "--out", defaultValue = "results", description = "directory for overhead.csv and overhead.json") Path out;

    private static final int TASKS = 4;

    private Results results;

    @Override
    public Integer call() throws Exception {
        if (quick) {
            launches = Math.min(launches, 200);
            copyMib = Math.min(copyMib, 16);
            matmulN = Math.min(matmulN, 256);
            repeats = Math.min(repeats, 5);
        }
        Device device = deviceOption.device();
        results = new Results().meta("command", "overhead").meta("device", device.id()).meta("device_name", device.name());
        System.out.printf(Locale.ROOT, "Runtime overhead on %s (%s)%n", device.id(), device.name());
        jit(device);
        ssdColdStart(device);
        tinyGraph(device);
        driverLaunch(device);
        boolean ok = copy(device) & matmul(device, 0) & matmul(device, 16) & matmul(device, 36);
        for (Path p : results.write(out, "overhead")) System.out.println("wrote " + p);
        return ok ? 0 : 1;
    }

    private void record(String section, String measurement, double value, String unit, String note) {
        Map<String, Object> r = results.newRow();
        r.put("section", section);
        r.put("measurement", measurement);
        r.put("value", value);
        r.put("unit", unit);
        r.put("note", note);
        System.out.printf(Locale.ROOT, "  %-8s %-34s %12s %-8s %s%n", section, measurement,
                Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value), unit, note);
    }

    // ---- JIT ----

    private static Method copyMethod() throws NoSuchMethodException {
        return Copy.class.getMethod("copy", KernelContext.class, FloatArray.class, FloatArray.class, int.class);
    }

    private static Method matmulMethod() throws NoSuchMethodException {
        return Matmul.class.getMethod("matmul", KernelContext.class, FloatArray.class, FloatArray.class, FloatArray.class,
                int.class, int.class, int.class);
    }

    /** Cold translation and printing per kernel (the first includes loading the JIT's own classes), then the driver's build. */
    private void jit(Device device) throws Exception {
        DeviceSession session = device.backend() == Backend.JVM ? null : DeviceRegistry.get(device.id()).open();
        try {
            PtxTarget target = session instanceof CudaSession cuda ? cuda.ptxTarget() : new PtxTarget(9, 0, PtxTarget.BASELINE);
            for (Method m : List.of(copyMethod(), matmulMethod())) {
                String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
                long t0 = System.nanoTime();
                KernelCode cl = Compilation.compile(m, null, OpenClPrinter.PORTABLE).code();
                long t1 = System.nanoTime();
                KernelCode ptx = Compilation.compile(m, null, new PtxPrinter(target)).code();
                long t2 = System.nanoTime();
                record("jit", name + " bytecode->OpenCL C", (t1 - t0) / 1e6, "ms", "cold: class file read, IR, passes, printing");
                record("jit", name + " IR->PTX " + target.sm(), (t2 - t1) / 1e6, "ms", "printing only (IR cached)");
                if (session == null) {
                    record("jit", name + " driver build", Double.NaN, "ms", "JVM device: runs the Java method, nothing to build");
                    continue;
                }
                KernelCode code = session.printer() instanceof PtxPrinter ? ptx : Compilation.compile(m, null, session.printer()).code();
                long t3 = System.nanoTime();
                session.load(code);
                long t4 = System.nanoTime();
                record("jit", name + " driver build", (t4 - t3) / 1e6, "ms", switch (device.backend()) {
                    case CUDA -> "cuModuleLoadData (driver PTX JIT) + cuModuleGetFunction";
                    case VULKAN -> "vkCreateShaderModule + vkCreateComputePipelines (SPIR-V printed first)";
                    default -> "clBuildProgram + clCreateKernel";
                });
            }
        } finally {
            if (session != null) session.close();
        }
    }

    /** The SSD graph's first execute() (JIT and build of all its kernels, buffers) against a later one. */
    private void ssdColdStart(Device device) {
        SsdShape shape = new SsdShape(1, 512, 4, 64, 1, 64);
        try (Workloads.Workload w = Workloads.ssd(device, shape, 256, Workloads.Dtype.FP32, 1)) {
            long t0 = System.nanoTime();
            w.execute();
            double first = (System.nanoTime() - t0) / 1e6;
            Timed t = Timed.measure(w::execute, 2, 10);
            String note = "SsdGraph, " + shape + ", " + t.perTask().size() + " tasks";
            record("jit", "SsdGraph first execute()", first, "ms", note + ": JIT, driver builds, buffers, copies, run (cached if compiled earlier in this process)");
            record("jit", "SsdGraph later execute()", t.host().medianMs(), "ms", note + ": copies and run, median of 10");
        }
    }

    // ---- execute() of a graph of four tiny kernels ----

    private void tinyGraph(Device device) {
        FloatArray[] a = new FloatArray[TASKS + 1];
        for (int i = 0; i <= TASKS; i++) a[i] = new FloatArray(tinyN);
        a[0].init(1f);
        KernelContext ctx = new KernelContext();
        TaskGraph graph = new TaskGraph("tiny").transferToDevice(FIRST_EXECUTION, a[0]);
        for (int i = 0; i < TASKS; i++) graph.task("t" + i, Copy::copy, ctx, a[i], a[i + 1], tinyN);
        graph.transferToHost(UNDER_DEMAND, a[TASKS]);
        try (ExecutionPlan plan = new ExecutionPlan(graph.snapshot()).withDevice(device)) {
            for (int i = 0; i < TASKS; i++) plan.withGrid("t" + i, WorkerGrid.of1D(tinyN).setLocalWork(Math.min(256, tinyN)));
            Timed t = Timed.measure(() -> plan.execute().profile(), Math.min(100, launches), launches);
            double host = t.host().medianNs() / 1e3, dev = t.device().medianNs() / 1e3;
            String note = TASKS + " copy kernels of " + tinyN + " floats, no copies; median of " + launches;
            record("execute", "host time per execute()", host, "us", note);
            record("execute", "device time per execute() (kernels)", dev, "us", note);
            record("execute", "overhead per task (host-device)/tasks", (host - dev) / TASKS, "us", "the runtime's own cost per task");
        }
    }

    // ---- the same kernel through the driver session ----

    private void driverLaunch(Device device) throws Exception {
        if (device.backend() == Backend.JVM) {
            record("launch", "driver launch", Double.NaN, "us", "JVM device: no driver");
            return;
        }
        try (DeviceSession session = DeviceRegistry.get(device.id()).open()) {
            Method m = copyMethod();
            KernelCode code = Compilation.compile(m, null, session.printer()).code();
            LoadedKernel kernel = session.load(code);
            FloatArray src = new FloatArray(tinyN), dst = new FloatArray(tinyN);
            DeviceBuffer s = session.allocate(src.getNumBytes()), d = session.allocate(dst.getNumBytes());
            session.write(s, src.getSegment(), src.getNumBytes());
            Map<Object, DeviceBuffer> buffers = new IdentityHashMap<>(Map.of(src, s, dst, d));
            List<KernelArg> args = arguments(code, new Object[] {null, src, dst, tinyN}, buffers);
            WorkerGrid grid = WorkerGrid.of1D(tinyN).setLocalWork(Math.min(256, tinyN));
            int warm = Math.min(100, launches);
            long[] host = new long[launches], dev = new long[launches];
            for (int i = 0; i < warm + launches; i++) {
                long t0 = System.nanoTime();
                long ns = session.launch(kernel, args, grid);
                long t1 = System.nanoTime();
                if (i >= warm) {
                    host[i - warm] = t1 - t0;
                    dev[i - warm] = ns;
                }
            }
            double h = Stats.of(host).medianNs() / 1e3, k = Stats.of(dev).medianNs() / 1e3;
            String how = switch (device.backend()) {
                case CUDA -> "DeviceSession.launch: argument marshalling, cuLaunchKernel between two events, event sync";
                case VULKAN -> "DeviceSession.launch: descriptor set, push constants, one command buffer with timestamps, submit, fence wait";
                default -> "DeviceSession.launch: clSetKernelArg, clEnqueueNDRangeKernel with an event, wait";
            };
            record("launch", "host time per driver launch", h, "us", how);
            record("launch", "device time per driver launch", k, "us", "same kernel as one task of the tiny graph");
            record("launch", "host-device per launch", h - k, "us", "the driver path alone, without the graph");
            if (session instanceof CudaSession cuda) {
                cuda.bareLaunchNanos(kernel, args, grid, warm);
                double bare = cuda.bareLaunchNanos(kernel, args, grid, launches) / 1e3;
                record("launch", "bare cuLaunchKernel", bare, "us", "cuLaunchKernel + cuStreamSynchronize, arguments built once, no events");
                record("launch", "our time per launch", h - bare, "us", "session launch minus the bare launch, same kernel, same run");
            }
        }
    }

    /** Device arguments in the order of {@code code.params()} from the Java arguments of the kernel method. */
    static List<KernelArg> arguments(KernelCode code, Object[] javaArgs, Map<Object, DeviceBuffer> buffers) {
        List<KernelArg> args = new ArrayList<>();
        for (KernelCode.Param p : code.params()) {
            Object v = javaArgs[p.javaIndex()];
            args.add(switch (p.kind()) {
                case BUFFER -> new KernelArg.Buffer(buffers.get(v));
                case ARRAY_LENGTH -> new KernelArg.Int(((NativeArray) v).getSize());
                case SCALAR -> switch (v) {
                    case Integer i -> new KernelArg.Int(i);
                    case Boolean b -> new KernelArg.Int(b ? 1 : 0);
                    case Long l -> new KernelArg.Long(l);
                    case Float f -> new KernelArg.Float(f);
                    case Double x -> new KernelArg.Double(x);
                    default -> throw new IllegalArgumentException("unsupported scalar " + v);
                };
            });
        }
        return args;
    }

    // ---- yardsticks ----

    private boolean copy(Device device) {
        return copy(device, 1) & copy(device, 4);
    }

    /** The copy kernel with {@code perItem} elements per work-item (1: {@link Copy#copy}; more: {@link Copy#copyStrided}). */
    private boolean copy(Device device, int perItem) {
        int n = Math.toIntExact(copyMib * (1L << 20) / Float.BYTES);
        FloatArray src = FloatArray.fromArray(FastFill.unit(n, 7)), dst = new FloatArray(n);
        TaskGraph graph = new TaskGraph("bandwidth").transferToDevice(FIRST_EXECUTION, src);
        if (perItem == 1) graph.task("copy", Copy::copy, new KernelContext(), src, dst, n);
        else graph.task("copy", Copy::copyStrided, new KernelContext(), src, dst, n);
        graph.transferToHost(UNDER_DEMAND, dst);
        try (ExecutionPlan plan = new ExecutionPlan(graph.snapshot()).withDevice(device)
                .withGrid("copy", WorkerGrid.of1D((n + perItem - 1) / perItem).setLocalWork(256))) {
            Timed t = Timed.measure(() -> plan.execute().profile(), 2, repeats);
            plan.execute().transferToHost(dst);
            boolean ok = true;
            for (int i = 0; i < n; i += Math.max(1, n / 1000)) ok &= dst.get(i) == src.get(i);
            ok &= dst.get(n - 1) == src.get(n - 1);
            double bytes = 2.0 * n * Float.BYTES;
            record("copy", perItem == 1 ? "copy kernel" : "copy kernel, " + perItem + " elements per work-item", bytes / t.device().medianNs(), "GB/s",
                    String.format(Locale.ROOT, "%d MiB read + %d MiB written in %.3f ms (median of %d)%s", copyMib, copyMib,
                            t.device().medianMs(), repeats, ok ? "" : "; WRONG RESULT"));
            return ok;
        }
    }

    /** The tiled matmul; {@code kib} &gt; 0: the one holding that much local memory per work-group ({@link LocalMemoryHeld}). */
    private boolean matmul(Device device, int kib) {
        boolean held = kib > 0;
        String what = held ? "tiled fp32 matmul, " + kib + " KiB local memory" : "tiled fp32 matmul";
        if (device.localMemoryBytes() < 1024L * kib) {
            record("matmul", what, Double.NaN, "TFLOP/s",
                    "not run: " + device.id() + " has " + device.localMemoryBytes() / 1024 + " KiB of local memory per work-group");
            return true;
        }
        int n = matmulN, padded = (n + Matmul.TILE - 1) / Matmul.TILE * Matmul.TILE;
        FloatArray a = FloatArray.fromArray(FastFill.unit((long) n * n, 11)), b = FloatArray.fromArray(FastFill.unit((long) n * n, 12));
        FloatArray c = new FloatArray(n * n);
        TaskGraph graph = new TaskGraph("gemm").transferToDevice(FIRST_EXECUTION, a, b);
        graph = held ? graph.task("matmul", LocalMemoryHeld::matmul, new KernelContext(), a, b, c, n, n, n, LocalMemoryHeld.held(kib))
                : graph.task("matmul", Matmul::matmul, new KernelContext(), a, b, c, n, n, n);
        graph.transferToHost(UNDER_DEMAND, c);
        try (ExecutionPlan plan = new ExecutionPlan(graph.snapshot()).withDevice(device)
                .withGrid("matmul", WorkerGrid.of2D(padded, padded).setLocalWork(Matmul.TILE, Matmul.TILE))) {
            Timed t = Timed.measure(() -> plan.execute().profile(), 1, repeats);
            plan.execute().transferToHost(c);
            double worst = 0;
            for (int s = 0; s < 16; s++) {
                int i = (int) ((s * 2654435761L) % n), j = (int) ((s * 40503L + 7) % n);
                double ref = 0, scale = 0;
                for (int k = 0; k < n; k++) {
                    ref += (double) a.get(i * n + k) * b.get(k * n + j);
                    scale += Math.abs((double) a.get(i * n + k) * b.get(k * n + j));
                }
                worst = Math.max(worst, Math.abs(c.get(i * n + j) - ref) / scale);
            }
            boolean ok = worst < 1e-5;
            double flops = 2.0 * n * n * n;
            record("matmul", what, flops / t.device().medianNs() / 1e3, "TFLOP/s",
                    String.format(Locale.ROOT, "%d^3 in %.3f ms (median of %d); sampled error %.1e%s", n, t.device().medianMs(), repeats,
                            worst, ok ? "" : " WRONG RESULT"));
            return ok;
        }
    }
}
