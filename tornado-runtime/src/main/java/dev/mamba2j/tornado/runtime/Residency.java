package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.driver.DeviceBuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Checked mode's residency aid: device buffers are poisoned when allocated (bytes 0xA5: an int
 * 0xA5A5A5A5, a float -2.9e-16), so a kernel that reads memory nobody sent or wrote reads the same
 * recognisable garbage on every device and every run, and an output copied back where no kernel
 * wrote shows the pattern instead of whatever the allocator left there.
 */
final class Residency {
    static final byte POISON = (byte) 0xA5;

    private Residency() {}

    static void poison(DeviceRuntime device, DeviceBuffer buffer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(buffer.bytes());
            bytes.fill(POISON);
            device.write(buffer, bytes, buffer.bytes());
        }
    }
}
