package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.arrays.NativeArray;
import dev.mamba2j.tornado.driver.DeviceBuffer;

/**
 * An array's place on the plan's device: its buffer, or none on the JVM device outside checked mode (the
 * array is used directly). Checked mode also follows whether the buffer holds data ({@link #sent}) and
 * names the array after its first use, since arrays have no names of their own.
 */
final class Resident {
    final NativeArray array;
    final DeviceBuffer buffer;
    /** Checked mode: the buffer was filled with the allocation pattern, which a copy back must not find. */
    final boolean poisoned;
    /** Sent to the device, or written by a task that ran: a kernel reading it reads data, not poison. */
    boolean sent;
    /** The first task parameter the array was bound to ("graph.task's x"), or null before. */
    private String label;

    Resident(NativeArray array, DeviceBuffer buffer, boolean poisoned) {
        this.array = array;
        this.buffer = buffer;
        this.poisoned = poisoned;
    }

    void bound(String taskParameter) {
        if (label == null) label = taskParameter;
    }

    /** "FloatArray[100] (first bound to t.k's out)": enough to find the array in the graph. */
    String describe() {
        return array.getClass().getSimpleName() + "[" + array.getSize() + "]" + (label == null ? "" : " (first bound to " + label + ")");
    }
}
