package dev.mamba2j.verification;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mamba2j.ssd.ChunkedSsd;
import dev.mamba2j.ssd.SsdOutputs;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The two double references agree with each other, and the fp32 chunked SSD with the scan. */
class SsdAgreementTest {

    static final double REFERENCE_TOLERANCE = 1e-12;
    static final double FP32_TOLERANCE = 1e-5;

    static Stream<SsdCase> cases() {
        return Stream.concat(SsdCase.grid().stream(), SsdCase.eachOption().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void quadraticFormMatchesScan(SsdCase c) {
        ReferenceResult scan = new ScanReference().run(c.inputs());
        ReferenceResult quadratic = new QuadraticReference().run(c.inputs());
        assertClose(c, "y", RelativeError.of(quadratic.y(), scan.y()), REFERENCE_TOLERANCE);
        assertClose(c, "final states", RelativeError.of(quadratic.finalStates(), scan.finalStates()), REFERENCE_TOLERANCE);
        if (c.inputs().cuSeqlens() != null) {
            assertClose(c, "sequence final states",
                    RelativeError.of(quadratic.sequenceFinalStates(), scan.sequenceFinalStates()), REFERENCE_TOLERANCE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void chunkedMatchesScan(SsdCase c) {
        ReferenceResult scan = new ScanReference().run(c.inputs());
        SsdOutputs out = new ChunkedSsd().forward(c.inputs());
        assertClose(c, "y", RelativeError.of(out.y(), scan.y()), FP32_TOLERANCE);
        assertClose(c, "final states", RelativeError.of(out.finalStates(), scan.finalStates()), FP32_TOLERANCE);
        if (c.inputs().cuSeqlens() != null) {
            assertClose(c, "sequence final states",
                    RelativeError.of(out.sequenceFinalStates(), scan.sequenceFinalStates()), FP32_TOLERANCE);
        } else {
            assertNull(out.sequenceFinalStates(), c + ": sequence final states without cu_seqlens");
        }
    }

    static void assertClose(Object c, String what, double error, double tolerance) {
        assertTrue(RelativeError.isBelow(error, tolerance),
                () -> c + ": " + what + " relative error " + error + " is not below " + tolerance);
    }
}
