package dev.mamba2j.tornado.driver;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.Printer;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A context and an in-order queue on one device. Times returned are device times in
 * nanoseconds (from events where the driver has them). Closing frees every buffer and
 * program the session created.
 */
public interface DeviceSession extends AutoCloseable {
    ComputeDevice device();

    /** The printer whose code this device loads (OpenCL C for its options, PTX for its compute capability); null for the JVM, which runs Java. */
    Printer printer();

    DeviceBuffer allocate(long bytes);

    /** Host to device, blocking; returns the copy's device time in ns. */
    long write(DeviceBuffer dst, MemorySegment src, long bytes);

    /** Device to host, blocking; returns the copy's device time in ns. */
    long read(MemorySegment dst, DeviceBuffer src, long bytes);

    /** Builds or loads the kernel; a failure throws with the compiler's log. Callers cache the result. */
    LoadedKernel load(KernelCode code);

    /** Launches and waits; returns the kernel's device time in ns. */
    long launch(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid);

    /**
     * Enqueues a launch without waiting for it, so that launches queue up on the device instead of
     * each paying a round trip; its device time is known once {@link #finish()} has returned. Errors of
     * the kernel may surface at {@code finish()}. By default the launch waits.
     */
    default Pending enqueue(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid) {
        long ns = launch(kernel, args, grid);
        return () -> ns;
    }

    /** Waits for every launch enqueued so far. */
    default void finish() {}

    /**
     * Starts recording: launches enqueued from now on until {@link #endRecording()} are kept to be replayed
     * instead of run (their Pending times read 0). Returns false, and nothing changes, where the driver
     * cannot record.
     */
    default boolean beginRecording() { return false; }

    /** Ends recording (also after a failed launch); the launches recorded since {@link #beginRecording()}, ready to replay. */
    default Recording endRecording() { throw new UnsupportedOperationException(device().id() + " does not record launches"); }

    /** Recorded launches, replayed as one: far less host work per launch than enqueuing each again. */
    interface Recording extends AutoCloseable {
        /** Enqueues the recorded launches, in their order; the Pending time covers them all. */
        Pending replay();

        @Override void close();
    }

    /** The device time of an enqueued launch, to be read once, after {@link #finish()}. */
    interface Pending {
        long nanos();
    }

    @Override void close();
}
