package dev.mamba2j.tornado.driver.opencl;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.Driver;

import java.util.List;

/**
 * Every OpenCL platform and device the ICD loader knows, as {@code opencl:PLATFORM:DEVICE}.
 * Discovery runs once, on first use, and never throws.
 */
public final class OpenClDriver implements Driver {
    private ClDiscovery.Result found;

    @Override public Backend backend() { return Backend.OPENCL; }

    @Override public List<ComputeDevice> devices() { return discovery().devices(); }

    @Override public String unavailableReason() { return discovery().failure(); }

    private synchronized ClDiscovery.Result discovery() {
        if (found == null) found = ClDiscovery.run();
        return found;
    }
}
