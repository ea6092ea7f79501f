package dev.mamba2j.verification;

import dev.mamba2j.ssd.device.AttentionGraph;
import dev.mamba2j.ssd.device.RotaryEmbedding;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tiled causal attention on every device the runtime finds, against softmax(q·kᵀ·scale + mask)·v
 * in double: lengths shorter than, equal to and across query and key tiles, and inputs scaled up so
 * that the running max moves from tile to tile; and with rotary embeddings of q and k (halves and
 * interleaved pairs, partial rotary_dim, a position offset). The output is NaN-poisoned on the
 * device before each run.
 */
class DeviceAttentionTest {

    record Case(long seed, int batch, int len, int heads, int headDim, int queryTile, float magnitude, RotaryEmbedding rotary) {
        Case(long seed, int batch, int len, int heads, int headDim, int queryTile, float magnitude) {
            this(seed, batch, len, heads, headDim, queryTile, magnitude, null);
        }

        @Override
        public String toString() {
            return "seed=" + seed + " batch=" + batch + " L=" + len + " heads=" + heads + " headdim=" + headDim
                    + " query tile=" + queryTile + " |x|~" + magnitude + (rotary == null ? "" : " " + rotary);
        }
    }

    static final List<Case> CASES = List.of(
            new Case(1, 1, 1, 1, 8, 64, 1),
            new Case(2, 2, 5, 2, 8, 4, 1),
            new Case(3, 1, 32, 2, 8, 32, 1),
            new Case(4, 2, 100, 2, 8, 16, 1),
            new Case(5, 1, 70, 3, 32, 64, 1),
            new Case(6, 1, 97, 2, 32, 8, 3),
            new Case(7, 2, 65, 1, 8, 32, 3),
            new Case(8, 2, 40, 2, 16, 16, 1, new RotaryEmbedding(16, 10000, false, 0)),
            new Case(9, 1, 33, 2, 32, 32, 1, new RotaryEmbedding(16, 10000, true, 0)),
            new Case(10, 1, 50, 1, 32, 16, 2, new RotaryEmbedding(8, 500, false, 7)));

    static Stream<Arguments> cases() {
        return Devices.all().stream().flatMap(d -> CASES.stream().map(c -> Arguments.of(d.id(), c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesSoftmaxAttention(String device, Case c) {
        RandomSsdInputs r = new RandomSsdInputs(c.seed());
        long size = (long) c.batch() * c.len() * c.heads() * c.headDim();
        float[] q = scaled(r.normal(size), c.magnitude()), k = scaled(r.normal(size), c.magnitude()), v = r.normal(size);
        double[] ref = c.rotary() == null ? AttentionReference.run(q, k, v, c.batch(), c.len(), c.heads(), c.headDim())
                : AttentionReference.run(AttentionReference.rotate(q, c.len(), c.heads(), c.headDim(), c.rotary()),
                        AttentionReference.rotate(k, c.len(), c.heads(), c.headDim(), c.rotary()), widen(v),
                        c.batch(), c.len(), c.heads(), c.headDim());
        Device dev = Devices.get(device);
        float[] o;
        try (AttentionGraph graph = new AttentionGraph(c.batch(), c.len(), c.heads(), c.headDim(), dev, true, c.queryTile(), c.rotary())) {
            graph.load(q, k, v);
            graph.execute();
            o = graph.output();
        }
        SsdAgreementTest.assertClose(c, device + " o", RelativeError.of(o, ref), SsdAgreementTest.FP32_TOLERANCE);
    }

    private static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    private static float[] scaled(float[] a, float by) {
        for (int i = 0; i < a.length; i++) a[i] *= by;
        return a;
    }
}
