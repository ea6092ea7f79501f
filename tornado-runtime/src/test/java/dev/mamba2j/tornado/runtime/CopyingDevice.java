package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.ir.ParamKind;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.api.arrays.NativeArray;
import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.api.DeviceType;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.driver.jvm.JvmSession;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.Printer;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in device with memory of its own: kernels run as Java on copies of its buffers, so the
 * runtime's device path (buffers, copies, bound arguments, kernel cache) is testable without a
 * JIT or OpenCL. Its "compiler" folds a kernel's last int parameter, to exercise specialisation.
 */
final class CopyingDevice implements ComputeDevice, DeviceSession {
    final AtomicInteger compilations = new AtomicInteger(), liveBuffers = new AtomicInteger();
    /** Whether launches can be recorded; how many recordings were made and replayed. */
    volatile boolean records;
    final AtomicInteger recordings = new AtomicInteger(), replays = new AtomicInteger();
    private List<Runnable> recording;
    private final String id;
    private final Map<KernelCode, Method> methods = new IdentityHashMap<>();
    private final Map<KernelCode, Map<Integer, Object>> folded = new IdentityHashMap<>();

    CopyingDevice(String id) { this.id = id; }

    /** Registers a fresh device with the runtime. */
    static CopyingDevice open(String id) {
        CopyingDevice d = new CopyingDevice(id);
        DeviceRuntime.open(d, d::compile);
        return d;
    }

    private synchronized CompiledKernel compile(Method m, Object[] args, DeviceSession session) {
        compilations.incrementAndGet();
        Class<?>[] types = m.getParameterTypes();
        int last = types.length - 1;
        Map<Integer, Object> specialised = types[last] == int.class ? Map.of(last, args[last]) : Map.of();
        List<KernelCode.Param> params = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            if (types[i] == KernelContext.class || specialised.containsKey(i)) continue;
            params.add(NativeArray.class.isAssignableFrom(types[i]) ? new KernelCode.Param(ParamKind.BUFFER, i, null)
                    : new KernelCode.Param(ParamKind.SCALAR, i, types[i]));
        }
        KernelCode code = new KernelCode(m.getName(), KernelCode.Language.OPENCL_C, "", null, params);
        methods.put(code, m);
        folded.put(code, specialised);
        return new CompiledKernel(code, specialised, 1);
    }

    @Override public String id() { return id; }
    @Override public Backend backend() { return Backend.OPENCL; }
    @Override public String name() { return "copying test device"; }
    @Override public String vendor() { return "tests"; }
    @Override public DeviceType type() { return DeviceType.OTHER; }
    @Override public long globalMemoryBytes() { return 1L << 30; }
    @Override public long localMemoryBytes() { return 1L << 16; }
    @Override public int computeUnits() { return 1; }
    @Override public int maxWorkGroupSize() { return 256; }
    @Override public String details() { return ""; }
    @Override public DeviceSession open() { return this; }
    @Override public ComputeDevice device() { return this; }
    @Override public Printer printer() { return OpenClPrinter.PORTABLE; }

    private final class Buffer implements DeviceBuffer {
        final Arena arena = Arena.ofShared();
        final MemorySegment memory;

        Buffer(long bytes) {
            memory = arena.allocate(bytes);
            liveBuffers.incrementAndGet();
        }

        @Override public long bytes() { return memory.byteSize(); }

        @Override public void close() {
            if (!arena.scope().isAlive()) return;
            arena.close();
            liveBuffers.decrementAndGet();
        }
    }

    @Override public DeviceBuffer allocate(long bytes) { return new Buffer(bytes); }

    @Override public long write(DeviceBuffer dst, MemorySegment src, long bytes) {
        ((Buffer) dst).memory.asSlice(0, bytes).copyFrom(src.asSlice(0, bytes));
        return 1;
    }

    @Override public long read(MemorySegment dst, DeviceBuffer src, long bytes) {
        dst.asSlice(0, bytes).copyFrom(((Buffer) src).memory.asSlice(0, bytes));
        return 1;
    }

    private record Loaded(KernelCode code, Method method) implements LoadedKernel {}

    @Override public synchronized LoadedKernel load(KernelCode code) { return new Loaded(code, methods.get(code)); }

    @Override public long launch(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid) {
        Loaded k = (Loaded) kernel;
        Class<?>[] types = k.method.getParameterTypes();
        Object[] javaArgs = new Object[types.length];
        Map<NativeArray, Buffer> staged = new HashMap<>();
        for (int i = 0; i < types.length; i++) if (types[i] == KernelContext.class) javaArgs[i] = new KernelContext();
        folded.get(k.code).forEach((i, v) -> javaArgs[i] = v);
        for (int p = 0; p < args.size(); p++) {
            int i = k.code.params().get(p).javaIndex();
            javaArgs[i] = switch (args.get(p)) {
                case KernelArg.Buffer b -> {
                    Buffer buf = (Buffer) b.buffer();
                    NativeArray a = types[i] == FloatArray.class ? new FloatArray((int) (buf.bytes() / 4)) : new IntArray((int) (buf.bytes() / 4));
                    a.getSegment().copyFrom(buf.memory);
                    staged.put(a, buf);
                    yield a;
                }
                case KernelArg.Int v -> types[i] == boolean.class ? (Object) (v.value() != 0) : (Object) v.value();
                case KernelArg.Long v -> v.value();
                case KernelArg.Float v -> v.value();
                case KernelArg.Double v -> v.value();
            };
        }
        new JvmSession().prepare(k.method).launch(javaArgs, grid);
        staged.forEach((a, buf) -> buf.memory.copyFrom(a.getSegment()));
        return 1;
    }

    /** While recording, a launch is kept (with a copy of its grid) instead of run. */
    @Override public synchronized Pending enqueue(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid) {
        if (recording == null) {
            long ns = launch(kernel, args, grid);
            return () -> ns;
        }
        int[] g = grid.global();
        WorkerGrid copy = g.length == 1 ? WorkerGrid.of1D(g[0]) : g.length == 2 ? WorkerGrid.of2D(g[0], g[1]) : WorkerGrid.of3D(g[0], g[1], g[2]);
        if (grid.local() != null) copy.setLocalWork(grid.local());
        WorkerGrid kept = copy;
        recording.add(() -> launch(kernel, args, kept));
        return () -> 0;
    }

    @Override public synchronized boolean beginRecording() {
        if (!records) return false;
        recording = new ArrayList<>();
        return true;
    }

    @Override public synchronized Recording endRecording() {
        List<Runnable> launches = List.copyOf(recording);
        recording = null;
        recordings.incrementAndGet();
        return new Recording() {
            @Override public Pending replay() {
                replays.incrementAndGet();
                launches.forEach(Runnable::run);
                return () -> launches.size();
            }

            @Override public void close() {}
        };
    }

    @Override public void close() {}
}
