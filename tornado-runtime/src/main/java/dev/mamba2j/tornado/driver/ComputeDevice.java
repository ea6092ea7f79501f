package dev.mamba2j.tornado.driver;

import dev.mamba2j.tornado.api.Device;

/** A device as its driver sees it. Cheap to hold; {@link #open()} creates its context and queue. */
public interface ComputeDevice extends Device {
    DeviceSession open();
}
