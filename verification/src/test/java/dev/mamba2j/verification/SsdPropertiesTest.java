package dev.mamba2j.verification;

import static dev.mamba2j.verification.SsdAgreementTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mamba2j.ssd.ChunkedSsd;
import dev.mamba2j.ssd.SequenceLayout;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.SsdShape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties any correct SSD has, checked on the scan and on the chunked SSD. */
class SsdPropertiesTest {

    /** An SSD under test, its results widened to double, and how close it must come. */
    record Engine(String name, Function<SsdInputs, ReferenceResult> run, double tolerance) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Engine SCAN = new Engine("scan", in -> new ScanReference().run(in), 1e-12);
    static final Engine CHUNKED = new Engine("chunked", SsdPropertiesTest::chunked, 1e-5);

    static ReferenceResult chunked(SsdInputs in) {
        SsdOutputs out = new ChunkedSsd().forward(in);
        return new ReferenceResult(widen(out.y()), widen(out.finalStates()), widen(out.sequenceFinalStates()));
    }

    static double[] widen(float[] a) {
        if (a == null) return null;
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    static SsdCase randomCase(long seed, SsdCase.Sequences sequences) {
        RandomSsdInputs r = new RandomSsdInputs(seed);
        var o = new SsdCase.Options(r.nextInt(3), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), true,
                sequences, sequences == SsdCase.Sequences.CU_SEQLENS);
        int len = 100 + r.nextInt(300);
        int groups = 1 + r.nextInt(2);
        return SsdCase.of(seed, r, len, 64, groups, o);
    }

    static Stream<Arguments> casesFor(SsdCase.Sequences sequences, Engine... engines) {
        List<Arguments> args = new ArrayList<>();
        for (long seed = 3000; seed < 3006; seed++) {
            for (Engine e : engines) {
                args.add(Arguments.of(e, randomCase(seed, sequences)));
            }
        }
        return args.stream();
    }

    static Stream<SsdCase> anyCases() {
        return Stream.of(SsdCase.Sequences.values()).flatMap(q -> casesFor(q, CHUNKED)).map(a -> (SsdCase) a.get()[1]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anyCases")
    void chunkSizeDoesNotChangeTheResult(SsdCase c) {
        SsdInputs in = c.inputs();
        ReferenceResult oneChunk = chunked(in.toBuilder().chunkSize(in.shape().seqLen()).build());
        for (int chunk : new int[] {1, 3, 16, 64, 100, 256, 4096}) {
            ReferenceResult other = chunked(in.toBuilder().chunkSize(chunk).build());
            assertClose(c, "y at chunk " + chunk, RelativeError.of(other.y(), oneChunk.y()), CHUNKED.tolerance());
            assertClose(c, "final states at chunk " + chunk,
                    RelativeError.of(other.finalStates(), oneChunk.finalStates()), CHUNKED.tolerance());
        }
    }

    static Stream<Arguments> continuationCases() {
        return casesFor(SsdCase.Sequences.NONE, SCAN, CHUNKED);
    }

    /**
     * Running L1 tokens, then L2 tokens from the final state, equals one pass over L1 + L2. The
     * state crosses the cut as an fp32 input, so the scan is held to fp32 accuracy here.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("continuationCases")
    void continuingFromTheFinalStateEqualsOnePass(Engine engine, SsdCase c) {
        SsdInputs in = c.inputs();
        SsdShape s = in.shape();
        int len = s.seqLen();
        double tolerance = Math.max(engine.tolerance(), 1e-6);
        for (int cut : new int[] {1, len / 3, len / 2 + 7, len - 1}) {
            ReferenceResult whole = engine.run().apply(in);
            ReferenceResult first = engine.run().apply(Tokens.range(in, 0, cut, in.initialStates()).build());
            ReferenceResult second = engine.run().apply(
                    Tokens.range(in, cut, len, Tokens.toFloat(first.finalStates())).build());
            String at = engine + " cut at " + cut + ": ";
            assertClose(c, at + "y before the cut",
                    RelativeError.of(first.y(), Tokens.slice(whole.y(), s.batch(), len, 0, cut)), tolerance);
            assertClose(c, at + "y after the cut",
                    RelativeError.of(second.y(), Tokens.slice(whole.y(), s.batch(), len, cut, len)), tolerance);
            assertClose(c, at + "final states",
                    RelativeError.of(second.finalStates(), whole.finalStates()), tolerance);
        }
    }

    static Stream<Arguments> seqIdxCases() {
        return casesFor(SsdCase.Sequences.SEQ_IDX, SCAN, CHUNKED);
    }

    /** Every seq_idx sequence comes out as if it had been run on its own. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("seqIdxCases")
    void seqIdxSequencesEqualSeparateRuns(Engine engine, SsdCase c) {
        assertSequencesRunAlone(engine, c);
    }

    static Stream<Arguments> cuSeqlensCases() {
        return casesFor(SsdCase.Sequences.CU_SEQLENS, SCAN, CHUNKED);
    }

    /** Every cu_seqlens sequence, with its own initial state, comes out as if run on its own. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cuSeqlensCases")
    void cuSeqlensSequencesEqualSeparateRuns(Engine engine, SsdCase c) {
        assertSequencesRunAlone(engine, c);
    }

    private static void assertSequencesRunAlone(Engine engine, SsdCase c) {
        SsdInputs in = c.inputs();
        SsdShape s = in.shape();
        ReferenceResult whole = engine.run().apply(in);
        SequenceLayout sequences = SequenceLayout.of(in);
        int len = s.seqLen();
        for (int q = 0; q < sequences.count(); q++) {
            int from = sequences.start(q), to = sequences.end(q), row = sequences.row(q);
            float[] init = sequences.initialState(q) < 0 ? null
                    : Tokens.state(sequences.initialStates(), sequences.initialState(q), s);
            String what = engine + " sequence " + q + " [" + from + ", " + to + ") of row " + row;
            if (from == to) {
                double[] expected = init == null ? new double[s.stateSize()] : widen(init);
                assertClose(c, what + " (empty) final state",
                        RelativeError.of(Tokens.state(whole.sequenceFinalStates(), q, s), expected), engine.tolerance());
                continue;
            }
            SsdInputs alone = Tokens.range(oneRow(in, row), from, to, init).build();
            ReferenceResult part = engine.run().apply(alone);
            double[] wholeY = sliceRow(whole.y(), s, row, from, to);
            assertClose(c, what + " y", RelativeError.of(part.y(), wholeY), engine.tolerance());
            if (whole.sequenceFinalStates() != null) {
                assertClose(c, what + " final state",
                        RelativeError.of(part.finalStates(), Tokens.state(whole.sequenceFinalStates(), q, s)),
                        engine.tolerance());
            }
            if (to == len) {
                assertClose(c, what + " row final state",
                        RelativeError.of(part.finalStates(), Tokens.state(whole.finalStates(), row, s)),
                        engine.tolerance());
            }
        }
        // The boundaries must matter, or the comparison above proves nothing.
        if (sequences.count() > s.batch()) {
            SsdInputs joined = in.toBuilder().seqIdx(null).cuSeqlens(null).sequenceInitialStates(null).build();
            double error = RelativeError.of(engine.run().apply(joined).y(), whole.y());
            assertTrue(error > 1e-4, () -> c + ": ignoring the sequence boundaries changed y by only " + error);
        }
    }

    /** Row {@code row} of a batch as a batch of one (options that do not depend on the row kept). */
    private static SsdInputs oneRow(SsdInputs in, int row) {
        SsdShape s = in.shape();
        if (s.batch() == 1) {
            return in;
        }
        int len = s.seqLen();
        SsdShape one = new SsdShape(1, len, s.heads(), s.headDim(), s.groups(), s.dState());
        SsdInputs.Builder b = SsdInputs.builder(one)
                .x(rowOf(in.x(), s.batch(), row)).dt(rowOf(in.dt(), s.batch(), row)).A(in.A())
                .B(rowOf(in.B(), s.batch(), row)).C(rowOf(in.C(), s.batch(), row)).z(rowOf(in.z(), s.batch(), row))
                .D(in.D()).dtBias(in.dtBias()).dtSoftplus(in.dtSoftplus()).chunkSize(in.chunkSize());
        if (in.hasDtLimit()) b.dtLimit(in.dtMin(), in.dtMax());
        return b.build();
    }

    private static float[] rowOf(float[] a, int batch, int row) {
        if (a == null) return null;
        int per = a.length / batch;
        float[] out = new float[per];
        System.arraycopy(a, row * per, out, 0, per);
        return out;
    }

    private static double[] sliceRow(double[] y, SsdShape s, int row, int from, int to) {
        int inner = s.heads() * s.headDim();
        double[] out = new double[(to - from) * inner];
        System.arraycopy(y, (row * s.seqLen() + from) * inner, out, 0, out.length);
        return out;
    }
}
