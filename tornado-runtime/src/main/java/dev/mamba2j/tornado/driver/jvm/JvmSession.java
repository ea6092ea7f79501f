package dev.mamba2j.tornado.driver.jvm;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.Printer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The JVM device's session. Kernels are Java methods ({@link #prepare}), and task graphs pass the
 * host arrays themselves, so the runtime never copies for this device. The buffer methods exist
 * for generic callers of {@link DeviceSession} and behave like a device's.
 */
public final class JvmSession implements DeviceSession {
    @Override public ComputeDevice device() { return JvmDevice.INSTANCE; }

    /** Null: this device runs Java, not a device language. */
    /** None: the JVM device runs the Java methods themselves. */
    @Override public Printer printer() { return null; }

    /** A kernel method ready to launch on this device, run once per work-item. */
    public JvmKernel prepare(Method method) { return new JvmKernel(method, false); }

    /**
     * A kernel method ready to launch on this device; {@code once} for a loop-parallel method (its ids
     * come from {@code @Parallel} loops), which runs once per launch as plain Java, whatever the grid.
     */
    public JvmKernel prepare(Method method, boolean once) { return new JvmKernel(method, once); }

    @Override public DeviceBuffer allocate(long bytes) { return new HostBuffer(bytes); }

    /** The memory of a buffer of this session, for a kernel to run on (checked mode's copies of arrays). */
    public MemorySegment memory(DeviceBuffer buffer) { return ((HostBuffer) buffer).segment; }

    @Override public long write(DeviceBuffer dst, MemorySegment src, long bytes) {
        long t = System.nanoTime();
        ((HostBuffer) dst).segment.copyFrom(src.asSlice(0, bytes));
        return System.nanoTime() - t;
    }

    @Override public long read(MemorySegment dst, DeviceBuffer src, long bytes) {
        long t = System.nanoTime();
        dst.copyFrom(((HostBuffer) src).segment.asSlice(0, bytes));
        return System.nanoTime() - t;
    }

    @Override public LoadedKernel load(KernelCode code) {
        throw new UnsupportedOperationException("the JVM device runs Java kernel methods; use prepare(Method)");
    }

    @Override public long launch(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid) {
        throw new UnsupportedOperationException("the JVM device runs Java kernel methods; use prepare(Method)");
    }

    @Override public void close() {}

    private static final class HostBuffer implements DeviceBuffer {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment segment;
        private final long bytes;

        HostBuffer(long bytes) {
            this.bytes = bytes;
            this.segment = arena.allocate(Math.max(1, bytes), 16);
        }

        @Override public long bytes() { return bytes; }

        @Override public synchronized void close() {
            if (arena.scope().isAlive()) arena.close();
        }
    }
}
