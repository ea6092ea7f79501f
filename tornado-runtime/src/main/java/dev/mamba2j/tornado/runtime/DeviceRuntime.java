package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.driver.jvm.JvmKernel;
import dev.mamba2j.tornado.driver.jvm.JvmSession;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.jit.KernelJit;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open session per device, shared by every plan in the process: plans own their buffers, the
 * device owns contexts and built kernels. So a kernel is compiled once per (method, specialisation,
 * device), however many plans use it. Calls into native sessions are serialised here because a
 * loaded kernel's argument slots are shared state.
 */
public final class DeviceRuntime {
    private static final ConcurrentHashMap<String, DeviceRuntime> OPEN = new ConcurrentHashMap<>();

    /** Compiles a kernel for a session's printer: the JIT, or a stand-in in tests. */
    interface KernelCompiler {
        CompiledKernel compile(Method kernel, Object[] args, DeviceSession session);
    }

    /** A kernel compiled for this device and loaded into its session, in checked mode or not. */
    record Built(CompiledKernel compiled, LoadedKernel loaded, boolean checked) {
        boolean matches(Object[] args) { return checked == KernelJit.checked() && compiled.matches(args); }
    }

    private final ComputeDevice device;
    private final DeviceSession session;
    private final KernelCompiler compiler;
    private final Map<Method, List<Built>> kernels = new ConcurrentHashMap<>();
    private final Map<Method, JvmKernel> javaKernels = new ConcurrentHashMap<>();
    private final AtomicLong liveBuffers = new AtomicLong(), liveBytes = new AtomicLong(), compilations = new AtomicLong();

    private DeviceRuntime(ComputeDevice device, KernelCompiler compiler) {
        this.device = device;
        this.session = SignalHandlers.preserved("opening " + device.id(), device::open);
        this.compiler = compiler;
    }

    public static DeviceRuntime of(ComputeDevice device) {
        return OPEN.computeIfAbsent(device.id(), id -> new DeviceRuntime(device, (m, args, session) -> Compilation.compile(m, args, session.printer())));
    }

    /** Opens {@code device} with another compiler (tests run the device path without the JIT). */
    static DeviceRuntime open(ComputeDevice device, KernelCompiler compiler) {
        DeviceRuntime runtime = new DeviceRuntime(device, compiler);
        if (OPEN.putIfAbsent(device.id(), runtime) != null) throw new IllegalStateException(device.id() + " is already open");
        return runtime;
    }

    public ComputeDevice device() { return device; }

    /** True for the JVM device, which runs Java methods on the host arrays. */
    public boolean isHost() { return session instanceof JvmSession; }

    /** Device buffers allocated by plans and not yet freed. */
    public long liveBuffers() { return liveBuffers.get(); }

    public long liveBytes() { return liveBytes.get(); }

    /** How many times the JIT was asked to compile for this device. */
    public long compilations() { return compilations.get(); }

    /** The Java kernel for the JVM device, checked against the kernel subset first. */
    JvmKernel javaKernel(Method method, Object[] args) {
        return javaKernels.computeIfAbsent(method, m -> {
            Compilation.check(m, args);
            return ((JvmSession) session).prepare(m, !KernelJit.parallelLoops(m).isEmpty());
        });
    }

    /** The built kernel whose specialisation matches {@code args}, compiling at most once per key. */
    Built kernel(Method method, Object[] args) {
        List<Built> built = kernels.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>());
        for (Built k : built) if (k.matches(args)) return k;
        synchronized (this) {
            for (Built k : built) if (k.matches(args)) return k;
            boolean checked = KernelJit.checked();
            CompiledKernel code = compiler.compile(method, args, session);
            compilations.incrementAndGet();
            Built k = new Built(code, session.load(code.code()), checked);
            built.add(k);
            return k;
        }
    }

    /** The memory of a buffer of the JVM device, for its kernels to run on. */
    MemorySegment hostMemory(DeviceBuffer buffer) { return ((JvmSession) session).memory(buffer); }

    DeviceBuffer allocate(long bytes) {
        DeviceBuffer b;
        synchronized (this) { b = session.allocate(bytes); }
        liveBuffers.incrementAndGet();
        liveBytes.addAndGet(bytes);
        return b;
    }

    void free(DeviceBuffer buffer) {
        synchronized (this) { buffer.close(); }
        liveBuffers.decrementAndGet();
        liveBytes.addAndGet(-buffer.bytes());
    }

    synchronized long write(DeviceBuffer dst, MemorySegment src, long bytes) { return session.write(dst, src, bytes); }

    synchronized long read(MemorySegment dst, DeviceBuffer src, long bytes) { return session.read(dst, src, bytes); }

    synchronized DeviceSession.Pending enqueue(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid) {
        return session.enqueue(kernel, args, grid);
    }

    synchronized void finish() { session.finish(); }

    synchronized boolean beginRecording() { return session.beginRecording(); }

    synchronized DeviceSession.Recording endRecording() { return session.endRecording(); }
}
