package dev.mamba2j.verification;

import dev.mamba2j.ssd.device.SelectiveScanInputs;
import java.util.ArrayList;
import java.util.List;

/** A seeded random Mamba-1 selective scan problem; its name carries the seed, sizes and options. */
record ScanCase(long seed, SelectiveScanInputs inputs) {

    /** Which options a case turns on. */
    record Options(boolean d, boolean z, boolean deltaBias, boolean softplus) {}

    @Override
    public String toString() {
        return "seed=" + seed + " " + inputs.describe();
    }

    /** One case per option alone, then all of them, over a length that ends inside a staged chunk. */
    static List<ScanCase> eachOption() {
        List<Options> options = List.of(new Options(false, false, false, false), new Options(true, false, false, false),
                new Options(false, true, false, false), new Options(false, false, true, false),
                new Options(false, false, false, true), new Options(false, false, true, true),
                new Options(true, true, true, true));
        List<ScanCase> cases = new ArrayList<>();
        long seed = 100;
        for (Options o : options) cases.add(of(++seed, 2, 70, 8, 4, 2, o));
        return cases;
    }

    /** Lengths around the staged chunk × groups × state sizes, options drawn from the seed. */
    static List<ScanCase> grid() {
        List<ScanCase> cases = new ArrayList<>();
        long seed = 200;
        for (int len : new int[] {1, 32, 33}) {
            for (int groups : new int[] {1, 4}) {
                for (int dState : new int[] {4, 16}) {
                    RandomSsdInputs r = new RandomSsdInputs(++seed);
                    Options o = new Options(r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean());
                    cases.add(of(seed, 1 + r.nextInt(2), len, 12, dState, groups, o));
                }
            }
        }
        return cases;
    }

    /**
     * u, B, C, z standard normal; A in [-8, -0.5]; delta in [0.005, 0.1] after bias, or, with
     * softplus, raw values in [-5, 1] whose softplus spans [0.007, 1.3], as a trained layer gives.
     */
    static ScanCase of(long seed, int batch, int len, int channels, int dState, int groups, Options o) {
        RandomSsdInputs r = new RandomSsdInputs(seed);
        int tokens = batch * len * channels;
        float[] delta = o.softplus() ? r.uniform(tokens, -4, 1) : r.uniform(tokens, 0.005, 0.05);
        float[] bias = !o.deltaBias() ? null : o.softplus() ? r.uniform(channels, -1, 0) : r.uniform(channels, 0, 0.05);
        return new ScanCase(seed, new SelectiveScanInputs(batch, len, channels, dState, groups,
                r.normal(tokens), delta, r.uniform((long) channels * dState, -8, -0.5),
                r.normal((long) batch * len * groups * dState), r.normal((long) batch * len * groups * dState),
                o.d() ? r.normal(channels) : null, o.z() ? r.normal(tokens) : null, bias, o.softplus()));
    }
}
