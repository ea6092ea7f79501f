package dev.mamba2j.tornado.driver.opencl;

import dev.mamba2j.tornado.driver.DeviceBuffer;

import java.lang.foreign.MemorySegment;

/** A cl_mem of one session; closing (or closing the session) releases it. */
final class OpenClBuffer implements DeviceBuffer {
    private final OpenClSession owner;
    private final long bytes;
    private MemorySegment mem;

    OpenClBuffer(OpenClSession owner, MemorySegment mem, long bytes) {
        this.owner = owner;
        this.mem = mem;
        this.bytes = bytes;
    }

    @Override public long bytes() { return bytes; }

    OpenClSession owner() { return owner; }

    /** The cl_mem, checked live. */
    MemorySegment mem() {
        if (mem == null) throw new IllegalStateException("device buffer already closed");
        return mem;
    }

    boolean isOpen() { return mem != null; }

    @Override public void close() { owner.free(this); }

    /** Called by the session once the cl_mem is released. */
    void released() { mem = null; }
}
