package dev.mamba2j.verification.nn;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mamba2j.kernels.nn.Embedding;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.verification.RandomSsdInputs;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The embedding gather on every device: an exact copy of each token's row, from fp32 and from bf16 tables. */
class EmbeddingTest {
    static Stream<Arguments> cases() {
        return NnDevices.ids().flatMap(d -> Stream.of(1, 3, 17).flatMap(tokens -> Stream.of(24, 257)
                .flatMap(dim -> Stream.of(false, true).map(bf16 -> Arguments.of(d, tokens, dim, bf16)))));
    }

    @ParameterizedTest(name = "{0} tokens={1} dim={2} bf16={3}")
    @MethodSource("cases")
    void copiesTheRows(String device, int tokens, int dim, boolean bf16) {
        RandomSsdInputs r = new RandomSsdInputs(tokens * 1000L + dim);
        int vocab = 50;
        float[] table = r.normal((long) vocab * dim);
        if (bf16) table = NnDevices.bf16Rounded(table);
        int[] ids = new int[tokens];
        for (int t = 0; t < tokens; t++) ids[t] = r.nextInt(vocab);
        ids[0] = vocab - 1; // the last row too
        IntArray token = IntArray.fromArray(ids);
        FloatArray out = new FloatArray(tokens * dim);
        out.init(Float.NaN);
        TaskGraph g;
        if (bf16) {
            BFloat16Array t = BFloat16Array.fromArray(table);
            g = NnDevices.graph(token, t, out).task("t", Embedding::gatherBf16, new KernelContext(), token, t, out, tokens, dim);
        } else {
            FloatArray t = FloatArray.fromArray(table);
            g = NnDevices.graph(token, t, out).task("t", Embedding::gather, new KernelContext(), token, t, out, tokens, dim);
        }
        NnDevices.run(device, g.transferToHost(EVERY_EXECUTION, out), WorkerGrid.of2D(dim, tokens).setLocalWork(64, 1));
        double[] ref = LayerReference.embedding(ids, table, dim);
        float[] got = out.toHeapArray();
        for (int i = 0; i < ref.length; i++) assertEquals(ref[i], got[i], 0.0, "element " + i);
    }
}
