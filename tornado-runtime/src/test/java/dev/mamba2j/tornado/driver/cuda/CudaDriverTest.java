package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.Driver;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery, with and without a CUDA driver present. */
class CudaDriverTest {
    @Test
    void missingLibraryGivesNoDevicesAndAReason() {
        CudaDriver driver = new CudaDriver("libcuda-does-not-exist.so.1");
        assertTrue(driver.devices().isEmpty());
        assertNotNull(driver.unavailableReason());
        assertTrue(driver.unavailableReason().contains("libcuda-does-not-exist.so.1"), driver.unavailableReason());
    }

    @Test
    void defaultDriverListsDevicesOrSaysWhyNot() {
        CudaDriver driver = new CudaDriver();
        assertEquals(Backend.CUDA, driver.backend());
        if (driver.devices().isEmpty()) {
            assertNotNull(driver.unavailableReason(), "no devices must come with a reason");
            System.out.println("CUDA unavailable here: " + driver.unavailableReason());
            return;
        }
        assertNull(driver.unavailableReason());
        for (ComputeDevice d : driver.devices()) {
            System.out.println(d);
            CudaDevice c = (CudaDevice) d;
            assertTrue(d.id().matches("cuda:\\d+"), d.id());
            assertTrue(d.details().contains("sm_" + c.ccMajor() + c.ccMinor()), d.details());
            assertTrue(d.computeUnits() > 0 && d.maxWorkGroupSize() >= 256 && d.localMemoryBytes() >= 48 * 1024);
            assertTrue(d.globalMemoryBytes() > 1L << 30);
        }
    }

    @Test
    void registeredAsAService() {
        boolean found = ServiceLoader.load(Driver.class).stream().anyMatch(p -> p.type() == CudaDriver.class);
        assertTrue(found, "CudaDriver missing from META-INF/services/dev.mamba2j.tornado.driver.Driver");
    }
}
