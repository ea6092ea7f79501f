package dev.mamba2j.tornado.driver.opencl;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.Printer;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;
import dev.mamba2j.tornado.emit.opencl.OpenClTarget;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A context and an in-order profiling queue on one OpenCL device. Programs are built once per
 * session and code; every OpenCL object created here is released by {@link #close()}. Methods
 * are synchronized because a cl_kernel's arguments are shared state between set and enqueue.
 */
final class OpenClSession implements DeviceSession {
    /** OpenCL objects alive across all sessions (contexts, queues, buffers, programs, kernels). */
    private static final AtomicLong LIVE = new AtomicLong();

    private final OpenClDevice device;
    private final Cl cl = Cl.get();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment deviceList;
    private final MemorySegment context;
    private final MemorySegment queue;
    private final Map<SourceKey, MemorySegment> programs = new HashMap<>();
    private final Map<KernelKey, OpenClKernel> kernels = new HashMap<>();
    private final Set<OpenClBuffer> buffers = new LinkedHashSet<>();
    private boolean closed;

    /** Programs are keyed by their code and options, so equal text from two JIT runs builds once. */
    private record SourceKey(KernelCode.Language language, String text, ByteBuffer binary, String options) {
        static SourceKey of(KernelCode code) {
            return new SourceKey(code.language(), code.text(),
                    code.binary() == null ? null : ByteBuffer.wrap(code.binary().clone()), code.buildOptions());
        }
    }

    private record KernelKey(SourceKey source, String entry) {}

    OpenClSession(OpenClDevice device) {
        this.device = device;
        MemorySegment ctx = null;
        try (Arena a = Arena.ofConfined()) {
            deviceList = arena.allocateFrom(ADDRESS, device.device());
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment props = a.allocateFrom(JAVA_LONG, Cl.CONTEXT_PLATFORM, device.platform().address(), 0L);
            ctx = cl.createContext(props, 1, deviceList, err);
            LIVE.incrementAndGet();
            queue = cl.createCommandQueue(ctx, device.device(), Cl.QUEUE_PROFILING_ENABLE, err);
            LIVE.incrementAndGet();
            context = ctx;
        } catch (RuntimeException e) {
            if (ctx != null) {
                LIVE.decrementAndGet();
                cl.releaseContext(ctx);
            }
            arena.close();
            throw e;
        }
    }

    static long liveObjects() { return LIVE.get(); }

    @Override public ComputeDevice device() { return device; }

    /** OpenCL C with this device's options: correctly rounded division where offered, tensor cores where present. */
    @Override public Printer printer() {
        return new OpenClPrinter(new OpenClTarget(device.exactDivideSqrt(), device.tensorCores(), ClProgramBuilder.userOptions()));
    }

    @Override public synchronized DeviceBuffer allocate(long bytes) {
        ensureOpen();
        if (bytes < 0) throw new IllegalArgumentException("negative buffer size " + bytes);
        try (Arena a = Arena.ofConfined()) {
            // OpenCL refuses empty buffers; an empty array still gets a (1-byte) cl_mem.
            MemorySegment mem = cl.createBuffer(context, Cl.MEM_READ_WRITE, Math.max(1, bytes), a.allocate(JAVA_INT));
            LIVE.incrementAndGet();
            OpenClBuffer b = new OpenClBuffer(this, mem, bytes);
            buffers.add(b);
            return b;
        }
    }

    @Override public synchronized long write(DeviceBuffer dst, MemorySegment src, long bytes) {
        OpenClBuffer b = own(dst);
        checkCopy(bytes, b, src);
        if (bytes == 0) return 0;
        try (Arena a = Arena.ofConfined()) {
            // Native code cannot see heap segments: stage them.
            MemorySegment host = src.isNative() ? src : a.allocate(bytes).copyFrom(src.asSlice(0, bytes));
            MemorySegment event = a.allocate(ADDRESS);
            cl.enqueueWriteBuffer(queue, b.mem(), 0, bytes, host, event);
            return deviceTime(event, a);
        }
    }

    @Override public synchronized long read(MemorySegment dst, DeviceBuffer src, long bytes) {
        OpenClBuffer b = own(src);
        checkCopy(bytes, b, dst);
        if (bytes == 0) return 0;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = dst.isNative() ? dst : a.allocate(bytes);
            MemorySegment event = a.allocate(ADDRESS);
            cl.enqueueReadBuffer(queue, b.mem(), 0, bytes, host, event);
            long ns = deviceTime(event, a);
            if (host != dst) dst.copyFrom(host);
            return ns;
        }
    }

    @Override public synchronized LoadedKernel load(KernelCode code) {
        ensureOpen();
        SourceKey source = SourceKey.of(code);
        KernelKey key = new KernelKey(source, code.entryName());
        OpenClKernel cached = kernels.get(key);
        if (cached != null) return cached;
        MemorySegment program = programs.get(source);
        if (program == null) {
            program = ClProgramBuilder.build(cl, context, device, deviceList, code);
            LIVE.incrementAndGet();
            programs.put(source, program);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment handle;
            try {
                handle = cl.createKernel(program, a.allocateFrom(code.entryName()), a.allocate(JAVA_INT));
            } catch (OpenClException e) {
                throw new OpenClException("clCreateKernel", e.errorCode(), "kernel entry '" + code.entryName() + "'");
            }
            LIVE.incrementAndGet();
            OpenClKernel k = new OpenClKernel(code, this, handle);
            kernels.put(key, k);
            return k;
        }
    }

    @Override public synchronized long launch(LoadedKernel loaded, List<KernelArg> args, WorkerGrid grid) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment event = submit(loaded, args, grid, a);
            return deviceTime(a.allocateFrom(ADDRESS, event), a.allocate(16, 8));
        }
    }

    /**
     * Enqueues without waiting; the event, and the memory the arguments were set from, are kept until
     * the launch's time is read (after {@link #finish()}), so no driver can see that memory reused early.
     */
    @Override public synchronized Pending enqueue(LoadedKernel loaded, List<KernelArg> args, WorkerGrid grid) {
        Arena a = Arena.ofShared();
        MemorySegment event;
        try {
            event = submit(loaded, args, grid, a);
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        return () -> {
            synchronized (this) {
                try (a) {
                    return deviceTime(a.allocateFrom(ADDRESS, event), a.allocate(16, 8));
                }
            }
        };
    }

    /** Waits for the queue: every enqueued launch has run. */
    @Override public synchronized void finish() {
        ensureOpen();
        cl.finish(queue);
    }

    /** Sets the arguments from memory of {@code a} and enqueues the kernel; returns its event (the caller releases it). */
    private MemorySegment submit(LoadedKernel loaded, List<KernelArg> args, WorkerGrid grid, Arena a) {
        ensureOpen();
        if (!(loaded instanceof OpenClKernel k) || k.owner() != this)
            throw new IllegalArgumentException("kernel " + loaded + " was not loaded by this session");
        List<KernelCode.Param> params = k.code().params();
        if (params != null && !params.isEmpty() && params.size() != args.size())
            throw new IllegalArgumentException("kernel " + k.code().entryName() + " takes " + params.size()
                    + " arguments, got " + args.size());
        int dims = grid.dimensions();
        int[] local = grid.local();
        int[] global = local == null ? grid.global() : grid.roundedGlobal(local);
        // One allocation for all scratch: argument values, sizes, the event slot.
        MemorySegment scratch = a.allocate(8L * (args.size() + 2L * dims + 1), 8);
        long at = 0;
        for (int i = 0; i < args.size(); i++, at += 8) setArg(k.handle(), i, args.get(i), scratch.asSlice(at, 8));
        MemorySegment globalSizes = scratch.asSlice(at, 8L * dims);
        at += 8L * dims;
        MemorySegment localSizes = local == null ? Cl.NULL : scratch.asSlice(at, 8L * dims);
        at += 8L * dims;
        for (int d = 0; d < dims; d++) {
            globalSizes.setAtIndex(JAVA_LONG, d, global[d]);
            if (local != null) localSizes.setAtIndex(JAVA_LONG, d, local[d]);
        }
        MemorySegment event = scratch.asSlice(at, 8);
        try {
            cl.enqueueNDRangeKernel(queue, k.handle(), dims, globalSizes, localSizes, event);
        } catch (OpenClException e) {
            throw new OpenClException("clEnqueueNDRangeKernel", e.errorCode(), "kernel " + k.code().entryName()
                    + " with " + grid + ", global " + Arrays.toString(global) + " on " + device);
        }
        return event.get(ADDRESS, 0);
    }

    private void setArg(MemorySegment kernel, int index, KernelArg arg, MemorySegment slot) {
        switch (arg) {
            case KernelArg.Buffer b -> {
                slot.set(ADDRESS, 0, own(b.buffer()).mem());
                cl.setKernelArg(kernel, index, ADDRESS.byteSize(), slot);
            }
            case KernelArg.Int v -> { slot.set(JAVA_INT, 0, v.value()); cl.setKernelArg(kernel, index, 4, slot); }
            case KernelArg.Long v -> { slot.set(JAVA_LONG, 0, v.value()); cl.setKernelArg(kernel, index, 8, slot); }
            case KernelArg.Float v -> { slot.set(JAVA_FLOAT, 0, v.value()); cl.setKernelArg(kernel, index, 4, slot); }
            case KernelArg.Double v -> { slot.set(JAVA_DOUBLE, 0, v.value()); cl.setKernelArg(kernel, index, 8, slot); }
        }
    }

    /** Waits for the event in {@code eventSlot}, releases it, and returns end - start in ns. */
    private long deviceTime(MemorySegment eventSlot, MemorySegment scratch16) {
        MemorySegment event = eventSlot.get(ADDRESS, 0);
        try {
            cl.waitForEvents(1, eventSlot);
            MemorySegment start = scratch16.asSlice(0, 8), end = scratch16.asSlice(8, 8);
            cl.getEventProfilingInfo(event, Cl.PROFILING_COMMAND_START, start);
            cl.getEventProfilingInfo(event, Cl.PROFILING_COMMAND_END, end);
            return end.get(JAVA_LONG, 0) - start.get(JAVA_LONG, 0);
        } finally {
            cl.releaseEvent(event);
        }
    }

    private long deviceTime(MemorySegment eventSlot, Arena a) {
        return deviceTime(eventSlot, a.allocate(16, 8));
    }

    /** Releases one buffer; called by {@link OpenClBuffer#close()}. */
    synchronized void free(OpenClBuffer b) {
        if (!b.isOpen()) return;
        MemorySegment mem = b.mem();
        b.released();
        buffers.remove(b);
        LIVE.decrementAndGet();
        cl.releaseMemObject(mem);
    }

    /** Objects this session holds now: context, queue, buffers, programs, kernels. */
    synchronized int trackedObjects() {
        return closed ? 0 : 2 + buffers.size() + programs.size() + kernels.size();
    }

    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        List<Runnable> releases = new ArrayList<>();
        releases.add(() -> cl.finish(queue));
        for (OpenClKernel k : kernels.values()) releases.add(() -> { LIVE.decrementAndGet(); cl.releaseKernel(k.handle()); });
        for (MemorySegment p : programs.values()) releases.add(() -> { LIVE.decrementAndGet(); cl.releaseProgram(p); });
        for (OpenClBuffer b : buffers) releases.add(() -> {
            MemorySegment mem = b.mem();
            b.released();
            LIVE.decrementAndGet();
            cl.releaseMemObject(mem);
        });
        releases.add(() -> { LIVE.decrementAndGet(); cl.releaseCommandQueue(queue); });
        releases.add(() -> { LIVE.decrementAndGet(); cl.releaseContext(context); });
        releases.add(arena::close);
        kernels.clear();
        programs.clear();
        RuntimeException first = null;
        // Release everything even if one release fails; report the first failure.
        for (Runnable r : releases) {
            try {
                r.run();
            } catch (RuntimeException e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        buffers.clear();
        if (first != null) throw first;
    }

    private OpenClBuffer own(DeviceBuffer buffer) {
        ensureOpen();
        if (!(buffer instanceof OpenClBuffer b) || b.owner() != this)
            throw new IllegalArgumentException("buffer " + buffer + " was not allocated by this session");
        return b;
    }

    private static void checkCopy(long bytes, OpenClBuffer device, MemorySegment host) {
        if (bytes < 0 || bytes > device.bytes() || bytes > host.byteSize())
            throw new IllegalArgumentException("copy of " + bytes + " bytes between a " + device.bytes()
                    + "-byte device buffer and a " + host.byteSize() + "-byte host segment");
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("OpenCL session on " + device.id() + " is closed");
    }

    @Override public String toString() { return "OpenClSession[" + device + "]"; }
}
