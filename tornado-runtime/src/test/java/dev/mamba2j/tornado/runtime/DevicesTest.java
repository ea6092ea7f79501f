package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.tornado.api.spi.TornadoRuntime.DriverReport;
import dev.mamba2j.tornado.driver.ComputeDevice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevicesTest {
    @Test
    void theJvmIsAlwaysPresentAndLast() {
        List<ComputeDevice> all = DeviceRegistry.all();
        assertEquals("jvm", all.getLast().id());
        for (int i = 1; i < all.size(); i++) assertTrue(DeviceRegistry.rank(all.get(i - 1)) <= DeviceRegistry.rank(all.get(i)), "devices ordered best first");
        assertEquals(all.stream().map(ComputeDevice::id).toList(), Devices.all().stream().map(Device::id).toList(), "the API lists the runtime's devices");
    }

    @Test
    void propertySelectsAndUnknownIdsListTheAvailableOnes() {
        String old = System.getProperty(Devices.PROPERTY);
        try {
            System.setProperty(Devices.PROPERTY, "JVM");
            assertEquals(Backend.JVM, Devices.selected().backend());
            assertThrows(IllegalArgumentException.class, () -> Devices.get(null));
            assertThrows(IllegalArgumentException.class, () -> Devices.get(" "));
            System.setProperty(Devices.PROPERTY, "opencl:7:7");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Devices::selected);
            assertTrue(e.getMessage().contains("opencl:7:7") && e.getMessage().contains("jvm"), e.getMessage());
            assertTrue(Devices.listing().contains("selection failed"), "listing reports a bad selection");
        } finally {
            if (old == null) System.clearProperty(Devices.PROPERTY);
            else System.setProperty(Devices.PROPERTY, old);
        }
    }

    @Test
    void devicesAreFoundByVendorOrNameToo() {
        for (Device d : Devices.all()) {
            String word = d.name().split("[^A-Za-z]+")[0];
            if (word.isEmpty()) continue;
            Device found = Devices.get(d.backend().name().toLowerCase() + ":" + word.toLowerCase());
            assertEquals(d.backend(), found.backend());
            assertTrue((found.vendor() + " " + found.name()).toLowerCase().contains(word.toLowerCase()), found.name());
        }
        assertEquals("jvm", Devices.get("jvm:java").id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.get("opencl:nosuchvendor"));
        assertTrue(e.getMessage().contains("available"), e.getMessage());
    }

    @Test
    void listingShowsEveryDeviceAndDriver() {
        String listing = Devices.listing();
        for (Device d : Devices.all()) assertTrue(listing.contains(d.id()) && listing.contains(d.backend().name().toLowerCase()), listing);
        for (DriverReport r : Devices.drivers())
            if (r.unavailableReason() != null) assertTrue(listing.contains(r.unavailableReason()), listing);
        System.out.print(listing);
    }
}
