package dev.mamba2j.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mamba2j.kernels.ssd.CompactTiles;
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
 * The SSD's compact kernels ({@link CompactTiles}, for devices with 32 KiB of local memory such as lavapipe)
 * on every device, the tiles chosen as for 32 KiB whatever the device has, against the double-precision
 * scan: each option alone and the multi-tile shapes, fp32 and bf16 storage, tolerances as in
 * {@link DeviceSsdTest} and {@link DeviceSsdBf16Test}. NaN-poisoned outputs.
 */
class CompactSsdTest {
    /** The local memory of lavapipe and Apple GPUs. */
    static final long LOCAL_BYTES = 32 * 1024;

    static Stream<Arguments> cases() {
        List<SsdCase> cases = new ArrayList<>(SsdCase.eachOption());
        cases.addAll(SsdCase.multiTile());
        cases.removeIf(c -> c.inputs().sequenceInitialStates() != null);
        return Devices.all().stream().flatMap(d -> cases.stream().flatMap(c -> Stream.of(SsdGraph.Storage.values())
                .map(s -> Arguments.of(d.id(), c, s))));
    }

    @ParameterizedTest(name = "{0} {2} {1}")
    @MethodSource("cases")
    void matchesTheScan(String device, SsdCase c, SsdGraph.Storage storage) {
        assertTrue(CompactTiles.needed(LOCAL_BYTES) && CompactTiles.BYTES <= LOCAL_BYTES, "the compact tiles are the ones 32 KiB gets");
        SsdInputs in = c.inputs();
        ReferenceResult scan = new ScanReference().run(in);
        SsdOutputs out = SsdOutputs.allocate(in);
        try (SsdGraph graph = new SsdGraph(in, Devices.get(device), true, storage, LOCAL_BYTES)) {
            graph.execute();
            graph.readInto(out);
        }
        double tolerance = storage == SsdGraph.Storage.BF16 ? DeviceSsdBf16Test.BF16_TOLERANCE : SsdAgreementTest.FP32_TOLERANCE;
        SsdAgreementTest.assertClose(c, device + " compact y", RelativeError.of(out.y(), scan.y()), tolerance);
        SsdAgreementTest.assertClose(c, device + " compact final states", RelativeError.of(out.finalStates(), scan.finalStates()), tolerance);
        if (in.cuSeqlens() != null)
            SsdAgreementTest.assertClose(c, device + " compact sequence final states",
                    RelativeError.of(out.sequenceFinalStates(), scan.sequenceFinalStates()), tolerance);
    }
}
