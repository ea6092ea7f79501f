package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.driver.Backend;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.DeviceType;
import dev.mamba2j.tornado.driver.Driver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The device registry. Drivers come from {@code META-INF/services/dev.mamba2j.tornado.driver.Driver};
 * discovery runs once. The device a plan uses unless told otherwise is chosen by
 * {@code -Dmamba2j.device=ID}, else the environment variable {@code MAMBA2J_DEVICE}, else the best
 * present: CUDA, then OpenCL GPUs, then other OpenCL devices, then CPU OpenCL, then the JVM.
 */
public final class Devices {
    public static final String PROPERTY = "mamba2j.device";
    public static final String ENVIRONMENT = "MAMBA2J_DEVICE";

    private Devices() {}

    /** Every device found, best first. */
    public static List<ComputeDevice> all() { return Discovery.INSTANCE.devices; }

    /** What each driver found (or why it found nothing), in load order. */
    public static List<Discovery.DriverReport> drivers() { return Discovery.INSTANCE.reports; }

    /** The device with this id; an unknown id fails with the list of ids present. */
    public static ComputeDevice get(String id) {
        String wanted = id.trim();
        for (ComputeDevice d : all()) if (d.id().equalsIgnoreCase(wanted)) return d;
        throw new IllegalArgumentException("no compute device '" + wanted + "'; available: "
                + String.join(", ", all().stream().map(ComputeDevice::id).toList())
                + unavailableSuffix());
    }

    /** The device selected by property, environment or preference (see the class comment). */
    public static ComputeDevice selected() {
        String id = System.getProperty(PROPERTY);
        if (id == null || id.isBlank()) id = System.getenv(ENVIRONMENT);
        if (id == null || id.isBlank()) return all().getFirst();
        return get(id);
    }

    /** Prints {@link #listing()}: {@code java -cp tornado-runtime.jar dev.mamba2j.tornado.runtime.Devices}. */
    public static void main(String[] args) { System.out.print(listing()); }

    /** A readable table of the devices and of the drivers that found none. */
    public static String listing() {
        StringBuilder out = new StringBuilder();
        ComputeDevice chosen = null;
        try {
            chosen = selected();
        } catch (IllegalArgumentException ignored) {
            // listed below with the same message
        }
        out.append(String.format("%-3s %-8s %-14s %-40s %10s %6s  %s%n", "", "backend", "id", "name", "memory", "CUs", "details"));
        for (ComputeDevice d : all()) {
            out.append(String.format("%-3s %-8s %-14s %-40s %10s %6d  %s%n", d == chosen ? "*" : "",
                    d.backend().name().toLowerCase(), d.id(), clip(d.name() + " [" + d.type().name().toLowerCase() + "]", 40),
                    mib(d.globalMemoryBytes()), d.computeUnits(),
                    "vendor " + d.vendor() + ", max work-group " + d.maxWorkGroupSize() + ", local " + kib(d.localMemoryBytes()) + "; " + d.details()));
        }
        for (Discovery.DriverReport r : drivers())
            if (r.unavailableReason() != null) out.append(String.format("    %-8s unavailable: %s%n", r.backend() != null ? r.backend().name().toLowerCase() : r.driver(), r.unavailableReason()));
        out.append(chosen != null ? "* selected (" + PROPERTY + " / " + ENVIRONMENT + " or best present): " + chosen.id() + "\n"
                : "selection failed: " + selectionError() + "\n");
        return out.toString();
    }

    private static String selectionError() {
        try {
            selected();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String unavailableSuffix() {
        List<String> reasons = new ArrayList<>();
        for (Discovery.DriverReport r : drivers()) if (r.unavailableReason() != null) reasons.add(r.backend() + ": " + r.unavailableReason());
        return reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")";
    }

    private static String mib(long bytes) { return bytes / (1024 * 1024) + " MiB"; }

    private static String kib(long bytes) { return bytes >= (1L << 20) ? mib(bytes) : bytes / 1024 + " KiB"; }

    private static String clip(String s, int n) { return s.length() <= n ? s : s.substring(0, n - 1) + "…"; }

    /** Preference rank: lower is better. */
    static int rank(ComputeDevice d) {
        return switch (d.backend()) {
            case CUDA -> 0;
            case OPENCL -> d.type() == DeviceType.GPU ? 1 : d.type() == DeviceType.ACCELERATOR ? 2 : d.type() == DeviceType.CPU ? 4 : 3;
            case JVM -> 5;
        };
    }

    /** Runs every driver's discovery once; a driver that fails to load is reported, not fatal. */
    public static final class Discovery {
        static final Discovery INSTANCE = new Discovery();

        public record DriverReport(Backend backend, String driver, int devices, String unavailableReason) {}

        final List<ComputeDevice> devices;
        final List<DriverReport> reports;

        private Discovery() {
            List<ComputeDevice> found = new ArrayList<>();
            List<DriverReport> seen = new ArrayList<>();
            for (var provider : ServiceLoader.load(Driver.class, Devices.class.getClassLoader()).stream().toList()) {
                try {
                    Driver driver = provider.get();
                    List<ComputeDevice> ds = driver.devices();
                    found.addAll(ds);
                    seen.add(new DriverReport(driver.backend(), provider.type().getName(), ds.size(),
                            ds.isEmpty() ? String.valueOf(driver.unavailableReason()) : null));
                } catch (RuntimeException | LinkageError e) {
                    seen.add(new DriverReport(null, provider.type().getName(), 0, "driver failed to load: " + e));
                }
            }
            found.sort(Comparator.comparingInt(Devices::rank));
            this.devices = List.copyOf(found);
            this.reports = List.copyOf(seen);
        }
    }
}
