package dev.mamba2j.verification;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.ssd.device.DeviceSsdStep;
import dev.mamba2j.ssd.device.SsdGraph;
import dev.mamba2j.tornado.api.Devices;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A chunked prefill of L tokens on a device followed by n decode steps from its final states
 * equals one pass of the scan over L + n tokens: the outputs of the n decoded tokens and the state
 * after them.
 */
class PrefillThenDecodeTest {

    static Stream<Arguments> cases() {
        return Devices.all().stream().flatMap(d -> Stream.of(
                Arguments.of(d.id(), 11L, 100, 5, 32, false, 16),
                Arguments.of(d.id(), 12L, 64, 7, 64, true, 16),
                Arguments.of(d.id(), 13L, 1, 3, 16, true, 16),
                // the step kernel splits a state row over 16, 8 or 1 work-items by d_state
                Arguments.of(d.id(), 14L, 40, 3, 32, true, 128),
                Arguments.of(d.id(), 15L, 40, 3, 32, true, 24),
                Arguments.of(d.id(), 16L, 40, 3, 32, true, 5)));
    }

    @ParameterizedTest(name = "{0} seed={1} L={2} n={3} chunk={4} options={5} d_state={6}")
    @MethodSource("cases")
    void prefillThenStepsEqualsOnePass(String device, long seed, int prefill, int steps, int chunk, boolean options, int dState) {
        RandomSsdInputs r = new RandomSsdInputs(seed);
        int total = prefill + steps;
        SsdShape full = new SsdShape(2, total, 4, 8, 2, dState);
        SsdInputs.Builder fb = r.builder(full).chunkSize(chunk);
        if (options) {
            fb.D(r.normal(full.heads() * full.headDim())).z(r.normal(full.xSize()))
                    .dt(r.uniform(full.dtSize(), -4, -2)).dtBias(r.uniform(full.heads(), -1, 0.5)).dtSoftplus(true)
                    .dtLimit(0.001f, 0.2f).initialStates(r.normal((long) full.batch() * full.stateSize()));
        }
        SsdInputs all = fb.build();
        ReferenceResult scan = new ScanReference().run(all);

        SsdShape head = new SsdShape(full.batch(), prefill, full.heads(), full.headDim(), full.groups(), full.dState());
        int perX = full.heads() * full.headDim(), perDt = full.heads(), perBc = full.groups() * full.dState();
        SsdInputs.Builder pb = SsdInputs.builder(head).chunkSize(chunk)
                .x(tokens(all.x(), full, perX, 0, prefill)).dt(tokens(all.dt(), full, perDt, 0, prefill))
                .A(all.A()).B(tokens(all.B(), full, perBc, 0, prefill)).C(tokens(all.C(), full, perBc, 0, prefill));
        if (options) {
            pb.D(all.D()).z(tokens(all.z(), full, perX, 0, prefill)).dtBias(all.dtBias()).dtSoftplus(true)
                    .dtLimit(all.dtMin(), all.dtMax()).initialStates(all.initialStates());
        }
        SsdInputs first = pb.build();
        SsdOutputs prefilled = SsdOutputs.allocate(first);
        try (SsdGraph graph = new SsdGraph(first, Devices.get(device), true)) {
            graph.execute();
            graph.readInto(prefilled);
        }

        float[] decoded = new float[(int) full.xSize()];
        float[] finalState;
        try (DeviceSsdStep step = new DeviceSsdStep(Devices.get(device), full, all.A(), options ? all.D() : null,
                options ? all.dtBias() : null, options, options ? new float[] {all.dtMin(), all.dtMax()} : null,
                prefilled.finalStates(), options)) {
            for (int t = prefill; t < total; t++) {
                float[] y = step.step(tokens(all.x(), full, perX, t, t + 1), tokens(all.dt(), full, perDt, t, t + 1),
                        tokens(all.B(), full, perBc, t, t + 1), tokens(all.C(), full, perBc, t, t + 1),
                        options ? tokens(all.z(), full, perX, t, t + 1) : null);
                for (int b = 0; b < full.batch(); b++)
                    System.arraycopy(y, b * perX, decoded, (b * total + t) * perX, perX);
            }
            finalState = step.state();
        }

        double[] want = new double[steps * perX * full.batch()];
        float[] got = new float[want.length];
        for (int b = 0, k = 0; b < full.batch(); b++)
            for (int i = (b * total + prefill) * perX; i < (b * total + total) * perX; i++, k++) {
                want[k] = scan.y()[i];
                got[k] = decoded[i];
            }
        String c = device + " seed=" + seed;
        SsdAgreementTest.assertClose(c, "decoded y", RelativeError.of(got, want), SsdAgreementTest.FP32_TOLERANCE);
        SsdAgreementTest.assertClose(c, "state after decoding", RelativeError.of(finalState, scan.finalStates()),
                SsdAgreementTest.FP32_TOLERANCE);
    }

    /** Tokens [from, to) of every batch row of a (batch, L, per) tensor. */
    static float[] tokens(float[] v, SsdShape s, int per, int from, int to) {
        float[] out = new float[s.batch() * (to - from) * per];
        for (int b = 0; b < s.batch(); b++)
            System.arraycopy(v, (b * s.seqLen() + from) * per, out, b * (to - from) * per, (to - from) * per);
        return out;
    }
}
