package dev.mamba2j.tornado.api;

import dev.mamba2j.tornado.api.spi.TornadoRuntime;
import dev.mamba2j.tornado.api.spi.TornadoRuntime.DriverReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The devices the runtime found. The device a plan uses unless told otherwise is chosen by
 * {@code -Dmamba2j.device=ID}, else the environment variable {@code MAMBA2J_DEVICE}, else the best
 * present (the runtime lists devices best first: CUDA, then OpenCL GPUs, then other OpenCL devices,
 * then CPU OpenCL, then the JVM).
 */
public final class Devices {
    public static final String PROPERTY = "mamba2j.device";
    public static final String ENVIRONMENT = "MAMBA2J_DEVICE";

    private Devices() {}

    /** Every device found, best first. */
    public static List<Device> all() { return List.copyOf(TornadoRuntime.get().devices()); }

    /** What each driver found (or why it found nothing), in load order. */
    public static List<DriverReport> drivers() { return TornadoRuntime.get().drivers(); }

    /**
     * The device with this id ({@code cuda:0}, {@code opencl:1:0}, {@code jvm}), or, since ids depend on
     * which drivers load, the best device whose vendor or name contains a word: {@code opencl:nvidia},
     * {@code cuda:h200}, {@code nvidia} (any backend). Nothing matching fails with the devices present.
     */
    public static Device get(String id) {
        if (id == null || id.isBlank())
            throw new IllegalArgumentException("no device id given (" + (id == null ? "null" : "empty") + "); available: " + ids());
        String wanted = id.trim();
        for (Device d : all()) if (d.id().equalsIgnoreCase(wanted)) return d;
        int colon = wanted.indexOf(':');
        String backend = colon < 0 ? null : wanted.substring(0, colon).toLowerCase(Locale.ROOT);
        String word = (colon < 0 ? wanted : wanted.substring(colon + 1)).toLowerCase(Locale.ROOT);
        if (!word.isEmpty() && !Character.isDigit(word.charAt(0)))
            for (Device d : all())
                if ((backend == null || d.backend().name().equalsIgnoreCase(backend))
                        && (d.vendor() + " " + d.name()).toLowerCase(Locale.ROOT).contains(word)) return d;
        throw new IllegalArgumentException("no compute device '" + wanted + "'; available: " + ids() + unavailableSuffix());
    }

    /** The device selected by property, environment or preference (see the class comment). */
    public static Device selected() {
        String id = System.getProperty(PROPERTY);
        if (id == null || id.isBlank()) id = System.getenv(ENVIRONMENT);
        if (id == null || id.isBlank()) {
            List<Device> all = all();
            if (all.isEmpty()) throw new IllegalArgumentException("no compute device found" + unavailableSuffix());
            return all.getFirst();
        }
        return get(id);
    }

    /** A readable table of the devices and of the drivers that found none. */
    public static String listing() {
        StringBuilder out = new StringBuilder();
        Device chosen = null;
        String selectionError = null;
        try {
            chosen = selected();
        } catch (IllegalArgumentException e) {
            selectionError = e.getMessage();
        }
        out.append(String.format("%-3s %-8s %-14s %-40s %10s %6s  %s%n", "", "backend", "id", "name", "memory", "CUs", "details"));
        for (Device d : all()) {
            out.append(String.format("%-3s %-8s %-14s %-40s %10s %6d  %s%n", d == chosen ? "*" : "",
                    d.backend().name().toLowerCase(), d.id(), clip(d.name() + " [" + d.type().name().toLowerCase() + "]", 40),
                    mib(d.globalMemoryBytes()), d.computeUnits(),
                    "vendor " + d.vendor() + ", max work-group " + d.maxWorkGroupSize() + ", local " + kib(d.localMemoryBytes())
                            + (d.largestLocalMemoryBytes() > d.localMemoryBytes() ? " (" + kib(d.largestLocalMemoryBytes()) + " on request)" : "") + "; " + d.details()));
        }
        for (DriverReport r : drivers())
            if (r.unavailableReason() != null)
                out.append(String.format("    %-8s unavailable: %s%n", r.backend() != null ? r.backend().toLowerCase() : r.driver(), r.unavailableReason()));
        out.append(chosen != null ? "* selected (" + PROPERTY + " / " + ENVIRONMENT + " or best present): " + chosen.id() + "\n"
                : "selection failed: " + selectionError + "\n");
        return out.toString();
    }

    private static String ids() { return String.join(", ", all().stream().map(Device::id).toList()); }

    private static String unavailableSuffix() {
        List<String> reasons = new ArrayList<>();
        for (DriverReport r : drivers()) if (r.unavailableReason() != null) reasons.add(r.backend() + ": " + r.unavailableReason());
        return reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")";
    }

    private static String mib(long bytes) { return bytes / (1024 * 1024) + " MiB"; }

    private static String kib(long bytes) { return bytes >= (1L << 20) ? mib(bytes) : bytes / 1024 + " KiB"; }

    private static String clip(String s, int n) { return s.length() <= n ? s : s.substring(0, n - 1) + "…"; }
}
