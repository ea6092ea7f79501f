package dev.mamba2j.tornado.driver.opencl;

import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.emit.KernelCode;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Picks the device the tests run on, and packs hand-written OpenCL C into KernelCode. */
final class ClTestSupport {
    private static final OpenClDriver DRIVER = new OpenClDriver();

    private ClTestSupport() {}

    static OpenClDriver driver() { return DRIVER; }

    /** The first OpenCL device (PoCL on CI); skips the test when there is none. */
    static ComputeDevice device() {
        List<ComputeDevice> devices = DRIVER.devices();
        assumeTrue(!devices.isEmpty(), () -> "no OpenCL device: " + DRIVER.unavailableReason());
        String wanted = System.getProperty("mamba2j.test.opencl.device");
        if (wanted != null)
            return devices.stream().filter(d -> d.id().equals(wanted)).findFirst().orElseThrow();
        return devices.getFirst();
    }

    static KernelCode openClC(String entry, String text) {
        return new KernelCode(entry, KernelCode.Language.OPENCL_C, text, null, List.of());
    }
}
