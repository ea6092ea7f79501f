package dev.mamba2j.tornado.driver.jvm;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.Driver;

import java.util.List;

/** The host itself as a device: always present, runs kernel methods as Java. */
public final class JvmDriver implements Driver {
    @Override public Backend backend() { return Backend.JVM; }

    @Override public List<ComputeDevice> devices() { return List.of(JvmDevice.INSTANCE); }

    @Override public String unavailableReason() { return null; }
}
