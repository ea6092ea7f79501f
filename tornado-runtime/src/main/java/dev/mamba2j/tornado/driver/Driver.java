package dev.mamba2j.tornado.driver;

import dev.mamba2j.tornado.api.Backend;

import java.util.List;

/**
 * A backend's discovery. {@link #devices()} never throws for a missing native library or
 * driver: it returns no devices and {@link #unavailableReason()} says why.
 */
public interface Driver {
    Backend backend();

    List<ComputeDevice> devices();

    /** Why this driver found no devices (library missing, no platform …), or null. */
    String unavailableReason();
}
