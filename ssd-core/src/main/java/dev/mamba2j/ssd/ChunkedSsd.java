package dev.mamba2j.ssd;

import java.util.Arrays;

/**
 * The chunked SSD algorithm in fp32 on the JVM, multi-threaded over (chunk, head) and
 * (row, head). Cost is linear in L: quadratic only inside chunks.
 *
 * <ol start="0">
 *   <li>{@link DtAndDecays}: effective dt, dA = dt·A and its running sum per chunk;</li>
 *   <li>{@link IntraChunkOutputs}: outputs from tokens of the same chunk (diagonal blocks);</li>
 *   <li>{@link LocalChunkStates}: the state each chunk builds on its own;</li>
 *   <li>{@link EnteringStates}: the state entering each chunk, from the previous chunk or the
 *       sequence's initial state;</li>
 *   <li>{@link StateToOutput}: outputs from the entering state (off-diagonal blocks);</li>
 * </ol>
 * then {@link SkipAndGate} for D and z. See {@link ChunkPlan} for how sequence boundaries are
 * kept exact.
 */
public final class ChunkedSsd implements Ssd {

    @Override
    public void forward(SsdInputs in, SsdOutputs out) {
        out.checkFits(in);
        SsdShape s = in.shape();
        SequenceLayout sequences = SequenceLayout.of(in);
        ChunkPlan plan = new ChunkPlan(sequences, s.batch(), in.chunkSize());

        int tokens = Math.toIntExact(s.dtSize());
        float[] dt = new float[tokens];
        float[] dA = new float[tokens];
        float[] dACum = new float[tokens];
        DtAndDecays.run(plan, s, in.dt(), in.A(), in.dtBias(), in.dtSoftplus(),
                in.hasDtLimit(), in.dtMin(), in.dtMax(), dt, dA, dACum);

        IntraChunkOutputs.run(plan, s, in.x(), in.B(), in.C(), dt, dA, out.y());

        int states = Math.multiplyExact(plan.count, s.stateSize());
        float[] chunkStates = new float[states];
        LocalChunkStates.run(plan, s, in.x(), in.B(), dt, dA, chunkStates);

        float[] entering = new float[states];
        float[] sequenceFinal = in.cuSeqlens() == null ? null : out.sequenceFinalStates();
        EnteringStates.run(plan, s, dACum, chunkStates, entering, out.finalStates(), sequenceFinal);
        fillEmptySequences(sequences, s, sequenceFinal);

        StateToOutput.run(plan, s, in.C(), dACum, entering, out.y());
        SkipAndGate.run(s, in.x(), in.D(), in.dPerChannel(), in.z(), out.y());
    }

    /** An empty cu_seqlens sequence ends where it starts: with its initial state, or zero. */
    private static void fillEmptySequences(SequenceLayout sequences, SsdShape s, float[] sequenceFinal) {
        if (sequenceFinal == null) {
            return;
        }
        int size = s.stateSize();
        for (int i = 0; i < sequences.count(); i++) {
            if (sequences.end(i) > sequences.start(i)) {
                continue;
            }
            int init = sequences.initialState(i);
            if (init >= 0) {
                System.arraycopy(sequences.initialStates(), init * size, sequenceFinal, i * size, size);
            } else {
                Arrays.fill(sequenceFinal, i * size, (i + 1) * size, 0f);
            }
        }
    }
}
