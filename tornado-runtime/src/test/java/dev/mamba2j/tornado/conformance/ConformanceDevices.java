package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.spi.TornadoRuntime.DriverReport;
import dev.mamba2j.tornado.api.DeviceType;
import dev.mamba2j.tornado.api.Devices;

import java.util.List;
import java.util.stream.Stream;

/**
 * The devices every conformance test runs on: all the registry finds. The kinds that are missing
 * on this machine are printed once, with each driver's reason, so a missing backend is visible in
 * the test output instead of silently skipped. {@code -Dmamba2j.conformance.devices=jvm,opencl:0:0}
 * narrows the list.
 */
public final class ConformanceDevices {
    private static final List<String> IDS = discover();

    private ConformanceDevices() {}

    /** Method source for parameterised tests. */
    public static Stream<String> devices() { return IDS.stream(); }

    private static List<String> discover() {
        List<Device> all = Devices.all();
        StringBuilder report = new StringBuilder("conformance devices: ");
        report.append(String.join(", ", all.stream().map(d -> d.id() + " (" + d.name() + ")").toList())).append('\n');
        kind(report, all, "CUDA", Backend.CUDA, null);
        kind(report, all, "OpenCL GPU", Backend.OPENCL, DeviceType.GPU);
        kind(report, all, "OpenCL CPU", Backend.OPENCL, DeviceType.CPU);
        for (DriverReport r : Devices.drivers())
            if (r.unavailableReason() != null) report.append("  driver ").append(r.driver()).append(": ").append(r.unavailableReason()).append('\n');
        System.out.print(report);
        String only = System.getProperty("mamba2j.conformance.devices");
        if (only == null || only.isBlank()) return all.stream().map(Device::id).toList();
        return Stream.of(only.split(",")).map(String::trim).map(id -> Devices.get(id).id()).toList();
    }

    private static void kind(StringBuilder report, List<Device> all, String label, Backend backend, DeviceType type) {
        boolean present = all.stream().anyMatch(d -> d.backend() == backend && (type == null || d.type() == type));
        if (!present) report.append("  MISSING device kind: ").append(label).append(" (not tested on this machine)\n");
    }
}
