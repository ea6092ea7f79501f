package dev.mamba2j.verification.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mamba2j.tornado.api.DataTransferMode;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.DeviceType;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.tornado.api.spi.TornadoRuntime.DriverReport;
import dev.mamba2j.verification.RelativeError;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the layer-kernel tests share: the devices (every one the runtime finds; the kinds missing here are
 * printed once, with each unavailable driver's reason, rather than skipped in silence), one-task runs,
 * and the error check.
 */
final class NnDevices {
    /** Bound on ‖out − ref‖/‖ref‖ against the double references, for fp32 kernels. */
    static final double FP32_TOLERANCE = 1e-5;

    private static final List<String> IDS = discover();

    private NnDevices() {}

    static Stream<String> ids() { return IDS.stream(); }

    private static List<String> discover() {
        List<Device> all = Devices.all();
        StringBuilder report = new StringBuilder("layer kernels on: ");
        report.append(String.join(", ", all.stream().map(d -> d.id() + " (" + d.name() + ")").toList())).append('\n');
        missing(report, all, "CUDA", Backend.CUDA, null);
        missing(report, all, "OpenCL GPU", Backend.OPENCL, DeviceType.GPU);
        missing(report, all, "OpenCL CPU", Backend.OPENCL, DeviceType.CPU);
        for (DriverReport r : Devices.drivers())
            if (r.unavailableReason() != null) report.append("  driver ").append(r.driver()).append(": ").append(r.unavailableReason()).append('\n');
        System.out.print(report);
        return all.stream().map(Device::id).toList();
    }

    private static void missing(StringBuilder report, List<Device> all, String label, Backend backend, DeviceType type) {
        if (all.stream().noneMatch(d -> d.backend() == backend && (type == null || d.type() == type)))
            report.append("  MISSING device kind: ").append(label).append(" (not tested on this machine)\n");
    }

    /** A graph that sends every array to the device before each run (inputs, and outputs the caller has poisoned). */
    static TaskGraph graph(Object... arrays) { return new TaskGraph("g").transferToDevice(DataTransferMode.EVERY_EXECUTION, arrays); }

    /** Runs the graph's task "t" once on the device with the grid; the graph must bring its outputs back. */
    static void run(String device, TaskGraph graph, WorkerGrid grid) {
        try (ExecutionPlan plan = new ExecutionPlan(graph.snapshot()).withDevice(device).withGrid("t", grid)) {
            plan.execute();
        }
    }

    static void assertClose(String what, float[] out, double[] ref, double tolerance) {
        double error = RelativeError.of(out, ref);
        assertTrue(RelativeError.isBelow(error, tolerance), () -> what + ": relative error " + error + " is not below " + tolerance);
    }

    /** The values rounded to bf16 (what a bf16 weight holds), as floats: references use these. */
    static float[] bf16Rounded(float[] v) { return BFloat16Array.fromArray(v).toHeapArray(); }
}
