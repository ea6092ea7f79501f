package dev.mamba2j.verification;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mamba2j.kernels.ssd.SsdTiling;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.device.SsdGraph;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SSD's GEMM-shaped kernels on every tiling ({@link SsdTiling}: full, compact, small), whichever the
 * device would pick, on every device, against the double-precision scan: each option alone and the
 * multi-tile shapes, fp32 and bf16 storage, tolerances as in {@link DeviceSsdTest} and
 * {@link DeviceSsdBf16Test}. NaN-poisoned outputs. A tiling whose local memory the device lacks
 * (the full tiles on lavapipe's 32 KiB), or the small tiles on PoCL (whose compiler gets their chunk
 * scan wrong), must be refused with an error naming both.
 */
class SsdTilingsTest {
    static Stream<Arguments> cases() {
        List<SsdCase> cases = new ArrayList<>(SsdCase.eachOption());
        cases.addAll(SsdCase.multiTile());
        cases.removeIf(c -> c.inputs().sequenceInitialStates() != null);
        return Devices.all().stream().flatMap(d -> SsdTiling.ALL.stream().flatMap(t -> cases.stream()
                .flatMap(c -> Stream.of(SsdGraph.Storage.values()).map(s -> Arguments.of(d.id(), t.name(), c, s)))));
    }

    @ParameterizedTest(name = "{0} {1} {3} {2}")
    @MethodSource("cases")
    void matchesTheScan(String device, String tilingName, SsdCase c, SsdGraph.Storage storage) {
        SsdTiling tiling = SsdTiling.named(tilingName);
        Device dev = Devices.get(device);
        SsdInputs in = c.inputs();
        boolean pocl = dev.details().contains("Portable Computing Language");
        if (tiling.bytes() > dev.localMemoryBytes() || tiling.equals(SsdTiling.SMALL) && pocl) {
            String m = assertThrows(IllegalArgumentException.class, () -> new SsdGraph(in, dev, true, storage, tiling).close()).getMessage();
            assertTrue(m.contains(tiling.name()) && m.contains(device) && (m.contains(tiling.bytes() + " bytes") || m.contains("PoCL")), m);
            return;
        }
        ReferenceResult scan = new ScanReference().run(in);
        SsdOutputs out = SsdOutputs.allocate(in);
        try (SsdGraph graph = new SsdGraph(in, dev, true, storage, tiling)) {
            graph.execute();
            graph.readInto(out);
        }
        double tolerance = storage == SsdGraph.Storage.BF16 ? DeviceSsdBf16Test.BF16_TOLERANCE : SsdAgreementTest.FP32_TOLERANCE;
        String what = device + " " + tiling.name();
        SsdAgreementTest.assertClose(c, what + " y", RelativeError.of(out.y(), scan.y()), tolerance);
        SsdAgreementTest.assertClose(c, what + " final states", RelativeError.of(out.finalStates(), scan.finalStates()), tolerance);
        if (in.cuSeqlens() != null)
            SsdAgreementTest.assertClose(c, what + " sequence final states",
                    RelativeError.of(out.sequenceFinalStates(), scan.sequenceFinalStates()), tolerance);
    }
}
