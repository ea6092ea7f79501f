package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.driver.DeviceBuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Checked mode's residency aid: device buffers are poisoned when allocated (bytes 0xA5: an int
 * 0xA5A5A5A5, a float -2.9e-16), so a kernel that reads memory nobody sent or wrote reads the same
 * recognisable garbage on every device and every run, and an output copied back where no kernel
 * wrote shows the pattern instead of whatever the allocator left there; {@link #checkWritten} then
 * refuses it.
 */
final class Residency {
    static final byte POISON = (byte) 0xA5;
    private static final int POISON_INT = 0xA5A5A5A5;

    private Residency() {}

    static void poison(DeviceRuntime device, DeviceBuffer buffer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(buffer.bytes());
            bytes.fill(POISON);
            device.write(buffer, bytes, buffer.bytes());
        }
    }

    /**
     * Fails when the host copy of {@code r}, just copied back, still holds the allocation pattern: the
     * elements were neither sent nor written by a kernel, so on a device without checked mode the host
     * would have received whatever the allocator left. Only arrays of 4-byte elements are looked at: a
     * byte 0xA5 or a half 0xA5A5 (-0.0224) is an ordinary value, while 0xA5A5A5A5 as a float (-2.9e-16)
     * or an int (-1,515,870,811) is one no kernel here writes.
     */
    static void checkWritten(Resident r) {
        if (r.array.elementBytes() != 4) return;
        MemorySegment host = r.array.getSegment();
        int n = r.array.getSize(), first = -1;
        long count = 0;
        for (int i = 0; i < n; i++)
            if (host.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i) == POISON_INT) {
                if (first < 0) first = i;
                count++;
            }
        if (count > 0)
            throw new IllegalStateException("copy back of " + r.describe() + ": " + count + " of its " + n + " elements were never written by a "
                    + "kernel nor sent to the device (they still hold the allocation pattern 0xA5A5A5A5), the first at index " + first
                    + "; a device would have copied back garbage there (checked mode)");
    }
}
