package dev.mamba2j.model.layers;

import dev.mamba2j.kernels.ssd.ChunkScan;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.config.SsmConfig;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.ssd.device.SsdTasks;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * A batch of prompts of different lengths packed one after another into {@code rows} token rows (as
 * cu_seqlens does): where each sequence starts, which sequence each row belongs to, each sequence's last
 * row, and the SSD's chunked tasks for this shape (their intermediates shared by every layer).
 */
public record Prompt(int batch, int rows, IntArray seqStart, IntArray seqIdx, IntArray lastRow, FloatArray zeroConv,
                     FloatArray ssdFinal, SsdTasks ssd) {
    public static Prompt of(ModelConfig config, int[] lengths, int chunk) {
        SsmConfig s = config.ssm();
        int batch = lengths.length, rows = 0;
        for (int l : lengths) {
            if (l < 1) throw new IllegalArgumentException("every prompt needs at least one token, got lengths " + java.util.Arrays.toString(lengths));
            rows = Math.addExact(rows, l);
        }
        IntArray seqStart = new IntArray(batch + 1), seqIdx = new IntArray(rows), lastRow = new IntArray(batch);
        for (int i = 0, at = 0; i < batch; i++) {
            seqStart.set(i, at);
            for (int t = 0; t < lengths[i]; t++) seqIdx.set(at + t, i);
            at += lengths[i];
            lastRow.set(i, at - 1);
            seqStart.set(i + 1, at);
        }
        SsdShape shape = new SsdShape(1, rows, s.numHeads(), s.headDim(), s.nGroups(), s.stateSize());
        int dMode = s.dHasHeadDim() ? ChunkScan.D_PER_CHANNEL : ChunkScan.D_PER_HEAD;
        SsdTasks ssd = new SsdTasks(new SsdTasks.Options(shape, chunk, batch, true, (float) s.dtMin(), (float) s.dtMax(), dMode,
                false, true, false, false));
        return new Prompt(batch, rows, seqStart, seqIdx, lastRow, Activations.floats(batch, (long) s.convDim() * (s.convKernel() - 1)),
                new FloatArray(shape.stateSize()), ssd);
    }
}
