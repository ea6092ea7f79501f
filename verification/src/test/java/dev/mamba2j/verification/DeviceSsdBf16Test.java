package dev.mamba2j.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.device.SsdGraph;
import dev.mamba2j.tornado.api.Devices;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SSD task graph with bf16 storage of x, B, C, z, dt and y, on every device, against the
 * double-precision scan of the fp32 inputs: bf16 rounds each input and y to 8 significant bits
 * (relative 2⁻⁹), so the outputs agree to about 1e-2. NaN-poisoned outputs as in {@link DeviceSsdTest}.
 */
class DeviceSsdBf16Test {
    static final double BF16_TOLERANCE = 1e-2;

    static Stream<Arguments> cases() {
        List<SsdCase> cases = new ArrayList<>(SsdCase.eachOption());
        cases.addAll(SsdCase.multiTile());
        cases.removeIf(c -> c.inputs().sequenceInitialStates() != null);
        return Devices.all().stream().flatMap(d -> cases.stream().map(c -> Arguments.of(d.id(), c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesTheScan(String device, SsdCase c) {
        SsdInputs in = c.inputs();
        ReferenceResult scan = new ScanReference().run(in);
        SsdOutputs out = SsdOutputs.allocate(in);
        try (SsdGraph graph = new SsdGraph(in, Devices.get(device), true, SsdGraph.Storage.BF16)) {
            graph.execute();
            graph.readInto(out);
        }
        SsdAgreementTest.assertClose(c, device + " bf16 y", RelativeError.of(out.y(), scan.y()), BF16_TOLERANCE);
        SsdAgreementTest.assertClose(c, device + " bf16 final states",
                RelativeError.of(out.finalStates(), scan.finalStates()), BF16_TOLERANCE);
        if (in.cuSeqlens() != null)
            SsdAgreementTest.assertClose(c, device + " bf16 sequence final states",
                    RelativeError.of(out.sequenceFinalStates(), scan.sequenceFinalStates()), BF16_TOLERANCE);
        assertTrue(out.y().length > 0);
    }
}
