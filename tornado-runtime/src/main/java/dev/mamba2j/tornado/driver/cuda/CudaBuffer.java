package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.driver.DeviceBuffer;

/** A {@code cuMemAlloc} allocation; freed by {@link #close()} or when its session closes. */
final class CudaBuffer implements DeviceBuffer {
    private final CudaSession session;
    private final long devicePointer;
    private final long bytes;
    private boolean freed;

    CudaBuffer(CudaSession session, long devicePointer, long bytes) {
        this.session = session;
        this.devicePointer = devicePointer;
        this.bytes = bytes;
    }

    /** The buffer as one of {@code owner}'s live CUDA buffers, or an exception saying why not. */
    static CudaBuffer of(DeviceBuffer buffer, CudaSession owner) {
        if (!(buffer instanceof CudaBuffer b) || b.session != owner)
            throw new IllegalArgumentException(buffer + " does not belong to this CUDA session");
        if (b.freed) throw new IllegalStateException(b + " has been freed");
        return b;
    }

    long devicePointer() { return devicePointer; }

    @Override public long bytes() { return bytes; }

    boolean isFreed() { return freed; }

    void markFreed() { freed = true; }

    @Override public void close() { session.free(this); }

    @Override public String toString() {
        return "CudaBuffer[0x" + Long.toHexString(devicePointer) + ", " + bytes + " bytes" + (freed ? ", freed" : "") + "]";
    }
}
