package dev.mamba2j.verification;

import static dev.mamba2j.verification.SsdAgreementTest.FP32_TOLERANCE;
import static dev.mamba2j.verification.SsdAgreementTest.assertClose;

import dev.mamba2j.ssd.ChunkedSsd;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.SsdShape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chunked SSD writes every output element itself. */
class ChunkedSsdTest {

    /** Output buffers full of NaN: any element the SSD forgets to write makes the error NaN. */
    @Test
    void overwritesPoisonedOutputs() {
        // cu_seqlens with empty sequences at the start, middle and end; and seq_idx over two rows
        RandomSsdInputs r = new RandomSsdInputs(4000);
        SsdInputs packed = r.builder(new SsdShape(1, 300, 4, 8, 2, 8)).chunkSize(64)
                .cuSeqlens(new int[] {0, 0, 100, 100, 250, 300, 300})
                .sequenceInitialStates(r.normal(6L * 4 * 8 * 8)).D(r.normal(4)).z(r.normal(300L * 4 * 8)).build();
        SsdInputs rows = r.builder(new SsdShape(2, 150, 4, 8, 1, 8)).chunkSize(32)
                .seqIdx(SsdCase.randomSeqIdx(r, 2, 150)).initialStates(r.normal(2L * 4 * 8 * 8)).build();
        for (SsdInputs in : List.of(packed, rows)) {
            SsdOutputs out = SsdOutputs.allocate(in);
            Arrays.fill(out.y(), Float.NaN);
            Arrays.fill(out.finalStates(), Float.NaN);
            if (out.sequenceFinalStates() != null) Arrays.fill(out.sequenceFinalStates(), Float.NaN);
            new ChunkedSsd().forward(in, out);
            ReferenceResult scan = new ScanReference().run(in);
            assertClose(in.describe(), "y", RelativeError.of(out.y(), scan.y()), FP32_TOLERANCE);
            assertClose(in.describe(), "final states", RelativeError.of(out.finalStates(), scan.finalStates()), FP32_TOLERANCE);
            if (scan.sequenceFinalStates() != null) {
                assertClose(in.describe(), "sequence final states",
                        RelativeError.of(out.sequenceFinalStates(), scan.sequenceFinalStates()), FP32_TOLERANCE);
            }
        }
    }
}
