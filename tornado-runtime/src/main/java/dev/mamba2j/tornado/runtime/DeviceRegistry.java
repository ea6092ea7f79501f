package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.DeviceType;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.tornado.api.spi.TornadoRuntime.DriverReport;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.Driver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The drivers' devices. Drivers come from {@code META-INF/services/dev.mamba2j.tornado.driver.Driver};
 * discovery runs once; a driver that fails to load is reported, not fatal. Devices are listed best
 * first: CUDA, then GPUs (OpenCL before Vulkan), then other devices, then CPUs (OpenCL before Vulkan), then the JVM.
 * Selection by id lives in the API ({@link Devices}). {@code -Dmamba2j.drivers=cuda,opencl} (or the
 * environment variable {@code MAMBA2J_DRIVERS}) loads only the named backends, e.g. to keep a vendor's
 * library out of the process or to run a suite on the GPUs alone.
 */
public final class DeviceRegistry {
    private static final DeviceRegistry INSTANCE = new DeviceRegistry();

    private final List<ComputeDevice> devices;
    private final List<DriverReport> reports;

    public static final String DRIVERS_PROPERTY = "mamba2j.drivers", DRIVERS_ENVIRONMENT = "MAMBA2J_DRIVERS";

    private DeviceRegistry() {
        List<ComputeDevice> found = new ArrayList<>();
        List<DriverReport> seen = new ArrayList<>();
        Set<String> wanted = wantedBackends();
        for (var provider : ServiceLoader.load(Driver.class, DeviceRegistry.class.getClassLoader()).stream().toList()) {
            try {
                Driver driver = SignalHandlers.preserved("loading " + provider.type().getSimpleName(), provider::get);
                if (wanted != null && !wanted.contains(driver.backend().name().toLowerCase(Locale.ROOT))) {
                    seen.add(new DriverReport(driver.backend().name(), provider.type().getName(), 0,
                            "not loaded: " + DRIVERS_PROPERTY + " names " + wanted));
                    continue;
                }
                List<ComputeDevice> ds = SignalHandlers.preserved(driver.backend() + "'s device discovery", driver::devices);
                found.addAll(ds);
                seen.add(new DriverReport(driver.backend().name(), provider.type().getName(), ds.size(),
                        ds.isEmpty() ? String.valueOf(driver.unavailableReason()) : null));
            } catch (RuntimeException | LinkageError e) {
                seen.add(new DriverReport(null, provider.type().getName(), 0, "driver failed to load: " + e));
            }
        }
        found.sort(Comparator.comparingInt(DeviceRegistry::rank));
        this.devices = List.copyOf(found);
        this.reports = List.copyOf(seen);
    }

    /** The backends named by the property or environment variable, or null for all. */
    private static Set<String> wantedBackends() {
        String v = System.getProperty(DRIVERS_PROPERTY);
        if (v == null || v.isBlank()) v = System.getenv(DRIVERS_ENVIRONMENT);
        if (v == null || v.isBlank()) return null;
        Set<String> names = new TreeSet<>();
        for (String n : v.split(",")) if (!n.isBlank()) names.add(n.strip().toLowerCase(Locale.ROOT));
        return names;
    }

    /** Every device found, best first. */
    public static List<ComputeDevice> all() { return INSTANCE.devices; }

    /** What each driver found (or why it found nothing), in load order. */
    public static List<DriverReport> drivers() { return INSTANCE.reports; }

    /** The device with this id (see {@link Devices#get}). */
    public static ComputeDevice get(String id) { return (ComputeDevice) Devices.get(id); }

    /** The selected device (see {@link Devices#selected}). */
    public static ComputeDevice selected() { return (ComputeDevice) Devices.selected(); }

    /** Prints the device listing: {@code java -cp ... dev.mamba2j.tornado.runtime.DeviceRegistry}. */
    public static void main(String[] args) { System.out.print(Devices.listing()); }

    /** Preference rank: lower is better. */
    static int rank(ComputeDevice d) {
        return switch (d.backend()) {
            case CUDA -> 0;
            case OPENCL -> d.type() == DeviceType.GPU ? 1 : d.type() == DeviceType.ACCELERATOR ? 3 : d.type() == DeviceType.CPU ? 6 : 4;
            case VULKAN -> d.type() == DeviceType.GPU ? 2 : d.type() == DeviceType.CPU ? 7 : 5; // after OpenCL of the same kind
            case JVM -> 8;
        };
    }
}
