package dev.mamba2j.verification;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.device.SsdGraph;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SSD task graph on every device the runtime finds, against the double-precision scan:
 * each option alone, and a grid of lengths × chunk sizes × groups with options drawn from seeds.
 * Outputs are NaN-poisoned on the device before each run.
 */
class DeviceSsdTest {

    @BeforeAll
    static void listDevices() {
        System.out.println("SSD differential check on: " + Devices.all().stream().map(Device::id).toList());
        System.out.println(Devices.listing());
    }

    static Stream<Arguments> cases() {
        List<SsdCase> cases = new ArrayList<>(SsdCase.eachOption());
        cases.addAll(SsdCase.multiTile());
        for (SsdCase c : SsdCase.grid())
            if (c.inputs().shape().seqLen() <= 257 && c.inputs().chunkSize() <= 64) cases.add(c);
        return Devices.all().stream().flatMap(d -> cases.stream().map(c -> Arguments.of(d.id(), c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesTheScan(String device, SsdCase c) {
        SsdInputs in = c.inputs();
        Device dev = Devices.get(device);
        if (in.sequenceInitialStates() != null) {
            assertThrows(UnsupportedOperationException.class, () -> new SsdGraph(in, dev, true).close());
            return;
        }
        ReferenceResult scan = new ScanReference().run(in);
        SsdOutputs out = SsdOutputs.allocate(in);
        try (SsdGraph graph = new SsdGraph(in, dev, true)) {
            graph.execute();
            graph.readInto(out);
        }
        SsdAgreementTest.assertClose(c, device + " y", RelativeError.of(out.y(), scan.y()), SsdAgreementTest.FP32_TOLERANCE);
        SsdAgreementTest.assertClose(c, device + " final states",
                RelativeError.of(out.finalStates(), scan.finalStates()), SsdAgreementTest.FP32_TOLERANCE);
        if (in.cuSeqlens() != null) {
            SsdAgreementTest.assertClose(c, device + " sequence final states",
                    RelativeError.of(out.sequenceFinalStates(), scan.sequenceFinalStates()), SsdAgreementTest.FP32_TOLERANCE);
        } else {
            assertNull(out.sequenceFinalStates());
        }
        assertTrue(out.y().length > 0);
    }
}
