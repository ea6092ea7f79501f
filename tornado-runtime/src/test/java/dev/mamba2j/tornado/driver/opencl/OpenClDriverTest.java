package dev.mamba2j.tornado.driver.opencl;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.Driver;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OpenClDriverTest {

    @Test
    void serviceLoaderFindsTheDriver() {
        assertTrue(ServiceLoader.load(Driver.class).stream().anyMatch(p -> p.type() == OpenClDriver.class));
    }

    @Test
    void discoveryNeverThrowsAndExplainsAnEmptyList() {
        Driver driver = new OpenClDriver();
        assertEquals(Backend.OPENCL, driver.backend());
        List<ComputeDevice> devices = driver.devices();
        if (devices.isEmpty()) assertTrue(driver.unavailableReason() != null && !driver.unavailableReason().isBlank());
        else assertNull(driver.unavailableReason());
    }

    @Test
    void listsThePoclDeviceWithItsFacts() {
        String vendors = System.getenv().getOrDefault("OCL_ICD_VENDORS", "/etc/OpenCL/vendors");
        assumeTrue(Files.exists(Path.of(vendors, "pocl.icd")), "PoCL is not installed, or OCL_ICD_VENDORS hides it");
        List<ComputeDevice> devices = ClTestSupport.driver().devices();
        assumeTrue(!devices.isEmpty(), () -> "no OpenCL device: " + ClTestSupport.driver().unavailableReason());
        ComputeDevice pocl = devices.stream().filter(d -> d.details().contains("Portable Computing Language"))
                .findFirst().orElseThrow(() -> new AssertionError("PoCL not among " + devices));
        assertTrue(pocl.id().matches("opencl:\\d+:\\d+"), pocl.id());
        assertEquals(Backend.OPENCL, pocl.backend());
        assertTrue(!pocl.name().isBlank() && !pocl.vendor().isBlank());
        assertTrue(pocl.globalMemoryBytes() > 0);
        assertTrue(pocl.localMemoryBytes() > 0);
        assertTrue(pocl.computeUnits() > 0);
        assertTrue(pocl.maxWorkGroupSize() > 0);
        assertTrue(pocl.details().contains("OpenCL C"), pocl.details());
        assertTrue(pocl.details().contains("driver"), pocl.details());
    }
}
