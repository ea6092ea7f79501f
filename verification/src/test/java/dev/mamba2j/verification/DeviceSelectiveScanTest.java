package dev.mamba2j.verification;

import dev.mamba2j.kernels.mamba1.SelectiveScan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mamba2j.ssd.device.SelectiveScanGraph;
import dev.mamba2j.ssd.device.SelectiveScanInputs;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mamba-1's fused selective scan on every device the runtime finds, against the double-precision
 * recurrence: each option alone and all together, and a grid of lengths around the staged chunk ×
 * groups × state sizes, with the default work-group and with one channel per work-group. Outputs
 * are NaN-poisoned on the device before each run.
 */
class DeviceSelectiveScanTest {

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Device device : Devices.all()) {
            for (ScanCase c : ScanCase.eachOption()) cases.add(Arguments.of(device.id(), c, 0));
            for (ScanCase c : ScanCase.grid()) {
                cases.add(Arguments.of(device.id(), c, 0));
                cases.add(Arguments.of(device.id(), c, 1));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} local={2}")
    @MethodSource("cases")
    void matchesTheRecurrence(String device, ScanCase c, int localSize) {
        SelectiveScanInputs in = c.inputs();
        SelectiveScanReference.Result ref = SelectiveScanReference.run(in);
        Device dev = Devices.get(device);
        // one channel's staged tiles at d_state 128 and more take a GPU's 48 KiB; lavapipe offers 32 KiB (the graph refuses it, saying so)
        long needed = SelectiveScan.localBytes(1, in.dState());
        assumeTrue(needed <= dev.localMemoryBytes(), () -> device + " has " + dev.localMemoryBytes() + " bytes of local memory, d_state "
                + in.dState() + " needs " + needed + " for one channel: case skipped");
        float[] y, last;
        try (SelectiveScanGraph graph = localSize == 0 ? new SelectiveScanGraph(in, dev, true)
                : new SelectiveScanGraph(in, dev, true, localSize)) {
            graph.execute();
            y = graph.y();
            last = graph.lastState();
        }
        SsdAgreementTest.assertClose(c, device + " y", RelativeError.of(y, ref.y()), SsdAgreementTest.FP32_TOLERANCE);
        SsdAgreementTest.assertClose(c, device + " last state", RelativeError.of(last, ref.lastState()),
                SsdAgreementTest.FP32_TOLERANCE);
    }

    static Stream<String> devices() { return Devices.all().stream().map(Device::id); }

    /** d_state 256 stages 16 tokens per round (a GPU's 48 KiB would not hold 32): three rounds, the last ragged. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void largeStatesStageFewerTokensPerRound(String device) {
        assertTrue(SelectiveScan.localBytes(1, 256) <= 48 * 1024, "d_state 256 fits a GPU work-group");
        assertTrue(SelectiveScan.tokensPerRound(256) < SelectiveScan.CHUNK);
        matchesTheRecurrence(device, ScanCase.of(7, 1, 40, 8, 256, 1, new ScanCase.Options(true, true, true, true)), 1);
    }

    /**
     * Above d_state 64 each channel's state is split over work-items (SelectiveScan.parts: 128 → 2,
     * 200 → 4 slices of 50); 67 has no such split and stays on one work-item. Every case against the
     * recurrence, with the default work-group size and with one channel per group.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void largeStatesAreSplitOverWorkItems(String device) {
        assertEquals(2, SelectiveScan.parts(128));
        assertEquals(4, SelectiveScan.parts(200));
        assertEquals(1, SelectiveScan.parts(67));
        assertEquals(1, SelectiveScan.parts(64));
        for (int dState : new int[] {67, 128, 200})
            for (int localSize : new int[] {0, 1})
                matchesTheRecurrence(device, ScanCase.of(8 + dState, 2, 37, 16, dState, 2, new ScanCase.Options(true, true, true, true)),
                        localSize);
    }

    @Test
    void refusesAWorkGroupThatStraddlesGroups() {
        SelectiveScanInputs in = ScanCase.of(1, 1, 4, 8, 4, 2, new ScanCase.Options(false, false, false, false)).inputs();
        assertThrows(IllegalArgumentException.class, () -> new SelectiveScanGraph(in, Devices.all().getFirst(), false, 8));
    }
}
