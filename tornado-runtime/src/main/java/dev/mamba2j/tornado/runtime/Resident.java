package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.arrays.NativeArray;
import dev.mamba2j.tornado.driver.DeviceBuffer;

/** An array's place on the plan's device: its buffer, or none on the JVM device (the array is used directly). */
final class Resident {
    final NativeArray array;
    final DeviceBuffer buffer;

    Resident(NativeArray array, DeviceBuffer buffer) {
        this.array = array;
        this.buffer = buffer;
    }
}
