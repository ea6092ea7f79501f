package dev.mamba2j.verification.nn;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mamba2j.kernels.nn.Columns;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.verification.RandomSsdInputs;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Column blocks (z, dt) out of an in_proj-shaped output on every device: exact copies. */
class ColumnsTest {
    static Stream<Arguments> cases() {
        // (rows, stride, offset, width): z at the front, dt at the back, a block in the middle
        return NnDevices.ids().flatMap(d -> Stream.of(new int[] {1, 100, 0, 40}, new int[] {3, 100, 97, 3},
                new int[] {17, 257, 30, 200}).map(c -> Arguments.of(d, c[0], c[1], c[2], c[3])));
    }

    @ParameterizedTest(name = "{0} rows={1} stride={2} offset={3} width={4}")
    @MethodSource("cases")
    void copiesTheBlock(String device, int rows, int stride, int offset, int width) {
        float[] src = new RandomSsdInputs(rows + stride).normal((long) rows * stride);
        FloatArray s = FloatArray.fromArray(src), dst = new FloatArray(rows * width);
        dst.init(Float.NaN);
        NnDevices.run(device, NnDevices.graph(s, dst)
                .task("t", Columns::copy, new KernelContext(), s, dst, rows, width, stride, offset)
                .transferToHost(EVERY_EXECUTION, dst), WorkerGrid.of2D(width, rows).setLocalWork(32, 1));
        float[] got = dst.toHeapArray();
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < width; j++) assertEquals(src[r * stride + offset + j], got[r * width + j], 0f, "(" + r + ", " + j + ")");
    }
}
