package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.Printer;
import dev.mamba2j.tornado.emit.ptx.PtxPrinter;
import dev.mamba2j.tornado.emit.ptx.PtxTarget;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A session on one CUDA device: the device's primary context (retained here, released on close),
 * one stream, and the buffers, modules and pinned host ranges created through it. Each operation
 * first makes the context current on the calling thread, so a session may be used from any
 * thread (one at a time: methods are synchronized). Copies and launches are enqueued on the
 * stream between two events and waited for; the events give the device time.
 */
public final class CudaSession implements DeviceSession {
    /**
     * Default for {@link #autoPinBytes}; {@code -Dmamba2j.cuda.autoPinBytes=-1} turns it off. On an
     * H100 (PCIe 5, CudaCopyTimingTest) pinning just for the copy beat pageable copies from 16 MiB
     * on (13.5 vs 12.1 GB/s at 16 MiB, 15.7 vs 9.3 at 64 MiB); memory pinned beforehand with
     * {@link #pin} reached 48-54 GB/s, which is what repeatedly copied arrays should use.
     */
    static final long AUTO_PIN_BYTES = Long.getLong("mamba2j.cuda.autoPinBytes", 16L << 20);

    private final CudaDevice device;
    private final CudaApi cu;
    private final MemorySegment context;
    private MemorySegment stream, start, stop;
    /** Event pairs for enqueued launches: free ones, and every one made (destroyed at close). */
    private final java.util.ArrayDeque<MemorySegment[]> events = new java.util.ArrayDeque<>();
    private final List<MemorySegment[]> allEvents = new ArrayList<>();
    private final Set<CudaBuffer> buffers = new LinkedHashSet<>();
    private final Map<String, PtxJit.Module> modules = new LinkedHashMap<>();
    private final Map<List<String>, CudaKernel> kernels = new HashMap<>();
    private final List<PinnedMemory> pinned = new ArrayList<>();
    /** Replayable graphs made by {@link #endRecording()} and not yet closed (destroyed at close). */
    private final Set<CudaRecording> recordings = new LinkedHashSet<>();
    private boolean closed, recording;
    /** Copies of at least this many bytes from/to unpinned native memory are pinned for the copy; negative: never. */
    private long autoPinBytes = AUTO_PIN_BYTES;

    CudaSession(CudaDevice device) {
        this.device = device;
        this.cu = device.api();
        this.context = cu.primaryCtxRetain(device.handle());
        try {
            cu.ctxSetCurrent(context);
            stream = cu.streamCreate(0);
            start = cu.eventCreate(0);
            stop = cu.eventCreate(0);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override public CudaDevice device() { return device; }

    /** PTX for this device's compute capability and the driver's PTX ISA. */
    @Override public Printer printer() { return new PtxPrinter(ptxTarget()); }

    /** {@code .target} and {@code .version} for PTX meant for this device. */
    public PtxTarget ptxTarget() { return device.ptxTarget(); }

    /** {@code {free, total}} bytes of device memory, as {@code cuMemGetInfo} reports them. */
    public synchronized long[] memoryInfo() {
        current();
        return cu.memGetInfo();
    }

    // ---- memory ----

    @Override public synchronized DeviceBuffer allocate(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("buffer size must be > 0, got " + bytes);
        current();
        CudaBuffer b = new CudaBuffer(this, cu.memAlloc(bytes), bytes);
        buffers.add(b);
        return b;
    }

    synchronized void free(CudaBuffer b) {
        if (b.isFreed() || closed) return;
        current();
        b.markFreed();
        buffers.remove(b);
        cu.memFree(b.devicePointer());
    }

    @Override public synchronized long write(DeviceBuffer dst, MemorySegment src, long bytes) {
        CudaBuffer b = CudaBuffer.of(dst, this);
        checkCopy(bytes, b, src);
        current();
        return hostCopy(src, bytes, host -> cu.memcpyHtoDAsync(b.devicePointer(), host, bytes, stream), true);
    }

    @Override public synchronized long read(MemorySegment dst, DeviceBuffer src, long bytes) {
        CudaBuffer b = CudaBuffer.of(src, this);
        checkCopy(bytes, b, dst);
        if (dst.isReadOnly()) throw new IllegalArgumentException("cannot read into a read-only segment");
        current();
        return hostCopy(dst, bytes, host -> cu.memcpyDtoHAsync(host, b.devicePointer(), bytes, stream), false);
    }

    private static void checkCopy(long bytes, CudaBuffer b, MemorySegment host) {
        if (bytes < 0 || bytes > b.bytes() || bytes > host.byteSize())
            throw new IllegalArgumentException("copy of " + bytes + " bytes between " + b + " and a host segment of "
                    + host.byteSize() + " bytes");
    }

    /**
     * Runs a timed copy on native host memory: heap segments go through a native staging copy
     * (the driver needs a stable address), large native ones are pinned for the copy's duration.
     */
    private long hostCopy(MemorySegment host, long bytes, Consumer<MemorySegment> copy, boolean toDevice) {
        if (bytes == 0) return 0;
        if (!host.isNative()) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment staging = a.allocate(bytes, 16);
                if (toDevice) staging.copyFrom(host.asSlice(0, bytes));
                long ns = timed(() -> copy.accept(staging));
                if (!toDevice) host.asSlice(0, bytes).copyFrom(staging);
                return ns;
            }
        }
        MemorySegment range = host.asSlice(0, bytes);
        boolean pinnedHere = autoPinBytes >= 0 && bytes >= autoPinBytes && register(range);
        try {
            return timed(() -> copy.accept(range));
        } finally {
            if (pinnedHere) cu.memHostUnregister(range);
        }
    }

    synchronized void setAutoPinBytes(long bytes) { autoPinBytes = bytes; }

    /** Page-locks {@code range}; false when it already is (pinned by the caller), which is fine. */
    private boolean register(MemorySegment range) {
        int rc = cu.memHostRegister(range, range.byteSize(), 0);
        if (rc == CudaApi.CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED) return false;
        cu.check("cuMemHostRegister_v2", rc);
        return true;
    }

    /** Pins a native host segment that will be copied often (its copies then skip staging in the driver). */
    public synchronized PinnedMemory pin(MemorySegment host) {
        if (!host.isNative()) throw new IllegalArgumentException("only native (off-heap) segments can be pinned");
        current();
        int rc = cu.memHostRegister(host, host.byteSize(), 0);
        cu.check("cuMemHostRegister_v2", rc);
        PinnedMemory p = new PinnedMemory(this, host);
        pinned.add(p);
        return p;
    }

    synchronized void unpin(PinnedMemory p) {
        if (closed || !pinned.remove(p)) return;
        current();
        cu.memHostUnregister(p.segment());
    }

    // ---- kernels ----

    /** Loads the PTX module once per distinct text and looks the entry up once per (text, entry). */
    @Override public synchronized LoadedKernel load(KernelCode code) {
        if (code.language() != KernelCode.Language.PTX || code.text() == null)
            throw new IllegalArgumentException("the CUDA driver loads PTX text, not " + code.language());
        List<String> key = List.of(code.text(), code.entryName());
        CudaKernel cached = kernels.get(key);
        if (cached != null)
            return cached.code() == code ? cached : new CudaKernel(code, this, cached.function(), cached.jitInfoLog());
        current();
        PtxJit.Module module = modules.get(code.text());
        if (module == null) {
            module = PtxJit.load(cu, code.text(), code.entryName());
            modules.put(code.text(), module);
        }
        MemorySegment function = cu.moduleGetFunction(module.handle(), code.entryName());
        // shared memory past the static 48 KiB is granted to a kernel only when raised for it
        if (code.dynamicLocalBytes() > 0)
            cu.funcSetAttribute(function, CudaApi.FUNC_ATTR_MAX_DYNAMIC_SHARED_SIZE_BYTES, Math.toIntExact(code.dynamicLocalBytes()));
        CudaKernel k = new CudaKernel(code, this, function, module.infoLog());
        kernels.put(key, k);
        return k;
    }

    /** Launches on the session's stream and waits; blocks and threads as {@link LaunchShape} says. */
    @Override public synchronized long launch(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid) {
        CudaKernel k = own(kernel);
        LaunchShape shape = LaunchShape.of(grid, device.maxWorkGroupSize());
        current();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = KernelParams.build(a, k.code(), args, this);
            return timed(() -> cu.launchKernel(k.function(), shape.blocks(), shape.threads(), k.sharedBytes(), stream, params));
        }
    }

    /** Launches on the session's stream between two events of a pool; nothing waits (see {@link #finish()}). */
    @Override public synchronized Pending enqueue(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid) {
        CudaKernel k = own(kernel);
        LaunchShape shape = LaunchShape.of(grid, device.maxWorkGroupSize());
        current();
        if (recording) { // captured: no events (the graph is timed as a whole)
            try (Arena a = Arena.ofConfined()) {
                cu.launchKernel(k.function(), shape.blocks(), shape.threads(), k.sharedBytes(), stream, KernelParams.build(a, k.code(), args, this));
            }
            return () -> 0;
        }
        MemorySegment[] pair = events.isEmpty() ? newEventPair() : events.pop();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = KernelParams.build(a, k.code(), args, this);
            cu.eventRecord(pair[0], stream);
            cu.launchKernel(k.function(), shape.blocks(), shape.threads(), k.sharedBytes(), stream, params);
            cu.eventRecord(pair[1], stream);
        } catch (RuntimeException e) {
            events.push(pair);
            throw e;
        }
        return () -> {
            synchronized (this) {
                current();
                long ns = Math.round(cu.eventElapsedMillis(pair[0], pair[1]) * 1e6);
                events.push(pair);
                return ns;
            }
        };
    }

    /** Captures the stream into a CUDA graph, where the driver has graphs. */
    @Override public synchronized boolean beginRecording() {
        if (recording) throw new IllegalStateException("already recording on " + device.id());
        if (!cu.hasGraphs()) return false;
        current();
        cu.streamBeginCapture(stream);
        recording = true;
        return true;
    }

    @Override public synchronized Recording endRecording() {
        if (!recording) throw new IllegalStateException("not recording on " + device.id());
        current();
        recording = false;
        MemorySegment graph = cu.streamEndCapture(stream);
        try {
            CudaRecording r = new CudaRecording(cu.graphInstantiate(graph));
            recordings.add(r);
            return r;
        } finally {
            cu.graphDestroy(graph); // the executable graph keeps what it needs
        }
    }

    /** An instantiated graph, launched on the session's stream between two events. */
    private final class CudaRecording implements Recording {
        private final MemorySegment exec;

        CudaRecording(MemorySegment exec) { this.exec = exec; }

        @Override public Pending replay() {
            synchronized (CudaSession.this) {
                if (!recordings.contains(this)) throw new IllegalStateException("this recording is closed");
                current();
                MemorySegment[] pair = events.isEmpty() ? newEventPair() : events.pop();
                cu.eventRecord(pair[0], stream);
                cu.graphLaunch(exec, stream);
                cu.eventRecord(pair[1], stream);
                return () -> {
                    synchronized (CudaSession.this) {
                        current();
                        long ns = Math.round(cu.eventElapsedMillis(pair[0], pair[1]) * 1e6);
                        events.push(pair);
                        return ns;
                    }
                };
            }
        }

        @Override public void close() {
            synchronized (CudaSession.this) {
                if (!recordings.remove(this) || closed) return;
                current();
                cu.graphExecDestroy(exec);
            }
        }
    }

    /** Waits for the stream: every enqueued launch has run. */
    @Override public synchronized void finish() {
        current();
        cu.streamSynchronize(stream);
    }

    private MemorySegment[] newEventPair() {
        MemorySegment[] pair = {cu.eventCreate(0), cu.eventCreate(0)};
        allEvents.add(pair);
        return pair;
    }

    /**
     * The driver's own floor, for overhead comparisons: host nanoseconds per launch of {@code n}
     * bare {@code cuLaunchKernel} calls, each followed by a stream synchronisation, with the
     * argument block built once and no events.
     */
    public synchronized double bareLaunchNanos(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid, int n) {
        CudaKernel k = own(kernel);
        LaunchShape shape = LaunchShape.of(grid, device.maxWorkGroupSize());
        current();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = KernelParams.build(a, k.code(), args, this);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                cu.launchKernel(k.function(), shape.blocks(), shape.threads(), k.sharedBytes(), stream, params);
                cu.streamSynchronize(stream);
            }
            return (System.nanoTime() - t0) / (double) n;
        }
    }

    // ---- plumbing ----

    private CudaKernel own(LoadedKernel kernel) {
        if (!(kernel instanceof CudaKernel k) || k.session() != this)
            throw new IllegalArgumentException(kernel + " was not loaded by this CUDA session");
        return k;
    }

    private void current() {
        if (closed) throw new IllegalStateException("CUDA session on " + device.id() + " is closed");
        cu.ctxSetCurrent(context);
    }

    /** Enqueues between the start and stop events, waits for stop, returns the device time in ns. */
    private long timed(Runnable enqueue) {
        cu.eventRecord(start, stream);
        enqueue.run();
        cu.eventRecord(stop, stream);
        cu.eventSynchronize(stop);
        return Math.round(cu.eventElapsedMillis(start, stop) * 1e6);
    }

    /**
     * Waits for the stream, then unpins, frees, unloads and destroys everything and releases the
     * primary context. Every step is attempted even if an earlier one fails (a kernel fault leaves
     * the context unusable); the first failure is rethrown at the end.
     */
    @Override public synchronized void close() {
        if (closed) return;
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> cu.ctxSetCurrent(context));
        if (stream != null) steps.add(() -> cu.streamSynchronize(stream));
        for (PinnedMemory p : pinned) steps.add(() -> cu.memHostUnregister(p.segment()));
        for (CudaBuffer b : buffers) steps.add(() -> { b.markFreed(); cu.memFree(b.devicePointer()); });
        for (CudaRecording r : recordings) steps.add(() -> cu.graphExecDestroy(r.exec));
        for (PtxJit.Module m : modules.values()) steps.add(() -> cu.moduleUnload(m.handle()));
        for (MemorySegment[] pair : allEvents) steps.add(() -> { cu.eventDestroy(pair[0]); cu.eventDestroy(pair[1]); });
        if (start != null) steps.add(() -> cu.eventDestroy(start));
        if (stop != null) steps.add(() -> cu.eventDestroy(stop));
        if (stream != null) steps.add(() -> cu.streamDestroy(stream));
        steps.add(() -> cu.primaryCtxRelease(device.handle()));
        closed = true;
        pinned.clear();
        recordings.clear();
        buffers.clear();
        modules.clear();
        kernels.clear();
        RuntimeException first = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }

    @Override public String toString() {
        return "CudaSession[" + device.id() + (closed ? ", closed" : "") + "]";
    }
}
