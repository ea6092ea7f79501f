package dev.mamba2j.tornado.driver.cuda;

import java.lang.foreign.MemorySegment;

/**
 * Host memory page-locked with {@code cuMemHostRegister} for as long as this is open, so copies
 * from and to it run at full DMA speed. The caller keeps the segment alive while pinned; closing
 * the session unpins whatever is still pinned.
 */
public final class PinnedMemory implements AutoCloseable {
    private final CudaSession session;
    private final MemorySegment segment;

    PinnedMemory(CudaSession session, MemorySegment segment) {
        this.session = session;
        this.segment = segment;
    }

    public MemorySegment segment() { return segment; }

    /** Unpins; idempotent. */
    @Override public void close() { session.unpin(this); }
}
