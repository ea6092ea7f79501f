package dev.mamba2j.verification;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A seeded random SSD problem; its name carries the seed and every option, for failure messages. */
record SsdCase(long seed, SsdInputs inputs) {

    static final int[] LENGTHS = {1, 7, 64, 257, 1000};
    static final int[] CHUNKS = {16, 64, 256};
    static final int[] GROUPS = {1, 2, 8};

    enum Sequences { NONE, SEQ_IDX, CU_SEQLENS }

    /** Which options a case turns on. */
    record Options(int dKind, boolean z, boolean dtBiasSoftplus, boolean dtLimit, boolean initialStates,
                   Sequences sequences, boolean perSequenceInitialStates) {}

    @Override
    public String toString() {
        return "seed=" + seed + " " + inputs.describe();
    }

    /** Every length × chunk × groups combination, with options drawn from the seed. */
    static List<SsdCase> grid() {
        List<SsdCase> cases = new ArrayList<>();
        long seed = 1000;
        for (int len : LENGTHS) {
            for (int chunk : CHUNKS) {
                for (int groups : GROUPS) {
                    seed++;
                    RandomSsdInputs r = new RandomSsdInputs(seed);
                    Options o = new Options(r.nextInt(3), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                            r.nextBoolean(), Sequences.values()[r.nextInt(3)], r.nextBoolean());
                    cases.add(of(seed, r, len, chunk, groups, o));
                }
            }
        }
        return cases;
    }

    /** One case per option, alone, so that each is covered whatever the seeds draw. */
    static List<SsdCase> eachOption() {
        Options none = new Options(0, false, false, false, false, Sequences.NONE, false);
        List<Options> options = List.of(none,
                new Options(1, false, false, false, false, Sequences.NONE, false),
                new Options(2, false, false, false, false, Sequences.NONE, false),
                new Options(0, true, false, false, false, Sequences.NONE, false),
                new Options(0, false, true, false, false, Sequences.NONE, false),
                new Options(0, false, false, true, false, Sequences.NONE, false),
                new Options(0, false, true, true, false, Sequences.NONE, false),
                new Options(0, false, false, false, true, Sequences.NONE, false),
                new Options(0, false, false, false, false, Sequences.SEQ_IDX, false),
                new Options(0, false, false, false, true, Sequences.SEQ_IDX, false),
                new Options(0, false, false, false, false, Sequences.CU_SEQLENS, false),
                new Options(0, false, false, false, true, Sequences.CU_SEQLENS, false),
                new Options(0, false, false, false, false, Sequences.CU_SEQLENS, true),
                new Options(2, true, true, true, true, Sequences.CU_SEQLENS, true),
                new Options(1, true, true, true, true, Sequences.SEQ_IDX, false));
        List<SsdCase> cases = new ArrayList<>();
        long seed = 2000;
        for (Options o : options) {
            seed++;
            cases.add(of(seed, new RandomSsdInputs(seed), 257, 64, 2, o));
        }
        return cases;
    }

    /**
     * Shapes that span several 64-wide tiles of the GEMM-shaped kernels, with ragged last tiles
     * (headdim, d_state, chunk not multiples of 64 or of the reduction step 16, a partial last chunk) and the options that mask rows.
     */
    static List<SsdCase> multiTile() {
        record Shape(int len, int chunk, int headDim, int dState, int groups) {}
        List<Shape> shapes = List.of(new Shape(300, 128, 80, 72, 1), new Shape(333, 96, 130, 65, 2),
                new Shape(512, 256, 64, 64, 1), new Shape(200, 160, 17, 129, 1), new Shape(250, 100, 64, 20, 1));
        List<Options> options = List.of(new Options(2, true, true, false, true, Sequences.SEQ_IDX, false),
                new Options(1, true, false, true, true, Sequences.CU_SEQLENS, false),
                new Options(0, false, false, false, false, Sequences.NONE, false),
                new Options(2, false, true, false, true, Sequences.SEQ_IDX, false),
                new Options(1, true, false, false, true, Sequences.SEQ_IDX, false));
        List<SsdCase> cases = new ArrayList<>();
        long seed = 3000;
        for (int i = 0; i < shapes.size(); i++) {
            Shape sh = shapes.get(i);
            seed++;
            RandomSsdInputs r = new RandomSsdInputs(seed);
            cases.add(of(seed, r, sh.len(), sh.chunk(), sh.groups(), sh.headDim(), sh.dState(), options.get(i)));
        }
        return cases;
    }

    static SsdCase of(long seed, RandomSsdInputs r, int len, int chunk, int groups, Options o) {
        return of(seed, r, len, chunk, groups, 0, 0, o);
    }

    /** @param headDim, dState the sizes, or 0 to draw them from 1..8 */
    static SsdCase of(long seed, RandomSsdInputs r, int len, int chunk, int groups, int headDim, int dState, Options o) {
        int batch = o.sequences() == Sequences.CU_SEQLENS || len == 1000 ? 1 : 1 + r.nextInt(2);
        int heads = groups * (1 + r.nextInt(2));
        int p = headDim > 0 ? headDim : 1 + r.nextInt(8);
        int n = dState > 0 ? dState : 1 + r.nextInt(8);
        SsdShape s = new SsdShape(batch, len, heads, p, groups, n);
        SsdInputs.Builder in = r.builder(s).chunkSize(chunk);
        if (o.dKind() == 1) in.D(r.normal(s.heads()));
        if (o.dKind() == 2) in.D(r.normal((long) s.heads() * s.headDim()));
        if (o.z()) in.z(r.normal(s.xSize()));
        if (o.dtBiasSoftplus()) {
            // raw dt and bias such that softplus(dt + bias) stays in the usual range
            in.dt(r.uniform(s.dtSize(), -4, -2)).dtBias(r.uniform(s.heads(), -1, 0.5)).dtSoftplus(true);
        }
        if (o.dtLimit()) in.dtLimit(0.02f, 0.07f);
        if (o.initialStates() && !o.perSequenceInitialStates()) in.initialStates(r.normal((long) batch * s.stateSize()));
        switch (o.sequences()) {
            case SEQ_IDX -> in.seqIdx(randomSeqIdx(r, batch, len));
            case CU_SEQLENS -> {
                int[] cu = randomCuSeqlens(r, len);
                in.cuSeqlens(cu);
                if (o.perSequenceInitialStates()) in.sequenceInitialStates(r.normal((long) (cu.length - 1) * s.stateSize()));
            }
            case NONE -> { }
        }
        return new SsdCase(seed, in.build());
    }

    /** Up to 4 boundaries per row at random positions; ids increase by random steps. */
    static int[] randomSeqIdx(RandomSsdInputs r, int batch, int len) {
        int[] idx = new int[batch * len];
        for (int b = 0; b < batch; b++) {
            boolean[] boundary = new boolean[len];
            int cuts = len > 1 ? r.nextInt(5) : 0;
            for (int i = 0; i < cuts; i++) boundary[1 + r.nextInt(len - 1)] = true;
            int id = r.nextInt(3);
            for (int t = 0; t < len; t++) {
                if (boundary[t]) id += 1 + r.nextInt(2);
                idx[b * len + t] = id;
            }
        }
        return idx;
    }

    /** 1 to 5 sequences; cut points may repeat or sit at 0 or L, giving empty sequences. */
    static int[] randomCuSeqlens(RandomSsdInputs r, int len) {
        int nseq = 1 + r.nextInt(5);
        int[] cu = new int[nseq + 1];
        for (int i = 1; i < nseq; i++) cu[i] = r.nextInt(len + 1);
        cu[nseq] = len;
        Arrays.sort(cu, 1, nseq);
        return cu;
    }
}
