package dev.mamba2j.verification.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy and temperature / top-k / top-p sampling in double precision, by sorting: the definitions the
 * device kernel (tornado-kernels' nn.Sampling) computes without a sort. Rows with a NaN give −1, and
 * so do sampled rows whose largest logit is infinite.
 */
public final class SamplingReference {
    private SamplingReference() {}

    /** The first index of the largest logit of row [from, from + vocab); −1 if it holds a NaN. */
    public static int argmax(float[] logits, int from, int vocab) {
        int best = 0;
        for (int i = 0; i < vocab; i++) {
            if (Float.isNaN(logits[from + i])) return -1;
            if (logits[from + i] > logits[from + best]) best = i;
        }
        return best;
    }

    /**
     * The sampled token, the kept tokens in ascending id and, for each, the cumulative probability up to
     * and including it (the last is 1).
     */
    public record Sample(int token, int[] kept, double[] cumulative, double u) {
        /**
         * Whether a device's token stands: the same token, or, where float rounding can move a boundary,
         * the kept token just before or after it when u lies within {@code tolerance} of the boundary
         * between them (cumulative probability through the earlier of the two).
         */
        public boolean accepts(int device, double tolerance) {
            if (device == token) return true;
            int at = Arrays.binarySearch(kept, token), other = Arrays.binarySearch(kept, device);
            if (at < 0 || other < 0 || Math.abs(at - other) != 1) return false;
            return Math.abs(u - cumulative[Math.min(at, other)]) < tolerance;
        }
    }

    /**
     * p_i = exp((l_i − max l)/T); keep l_i ≥ the k-th largest logit (ties kept; k ≤ 0 or ≥ vocab keeps all);
     * then keep p_i ≥ τ, τ the largest p with Σ_{kept, p_j ≥ τ} p_j ≥ topP · Σ_kept p (topP ≥ 1 keeps all);
     * the token is the first kept id, ascending, whose cumulative probability exceeds u.
     */
    public static Sample sample(float[] logits, int from, int vocab, double temperature, int topK, double topP, double u) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            if (Float.isNaN(logits[from + i])) return new Sample(-1, new int[0], new double[0], u);
            max = Math.max(max, logits[from + i]);
        }
        if (Double.isInfinite(max)) return new Sample(-1, new int[0], new double[0], u);
        double[] p = new double[vocab];
        for (int i = 0; i < vocab; i++) p[i] = Math.exp((logits[from + i] - max) / temperature);

        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < vocab; i++) kept.add(i);
        if (topK > 0 && topK < vocab) {
            float[] sorted = Arrays.copyOfRange(logits, from, from + vocab);
            Arrays.sort(sorted);
            float lambda = sorted[vocab - topK];
            kept.removeIf(i -> logits[from + i] < lambda);
        }
        if (topP < 1) {
            double total = kept.stream().mapToDouble(i -> p[i]).sum();
            List<Integer> byP = new ArrayList<>(kept);
            byP.sort(Comparator.comparingDouble((Integer i) -> p[i]).reversed());
            double mass = 0, tau = 0;
            for (int j = 0; j < byP.size(); j++) { // the prefix grows by whole groups of equal p
                double pj = p[byP.get(j)];
                mass += pj;
                if (j + 1 < byP.size() && p[byP.get(j + 1)] == pj) continue;
                if (mass >= topP * total) {
                    tau = pj;
                    break;
                }
            }
            double t = tau;
            kept.removeIf(i -> p[i] < t);
        }
        int[] ids = kept.stream().mapToInt(Integer::intValue).toArray();
        double total = 0;
        for (int i : ids) total += p[i];
        double[] cumulative = new double[ids.length];
        double running = 0;
        int token = -1;
        for (int j = 0; j < ids.length; j++) {
            running += p[ids[j]];
            cumulative[j] = running / total;
            if (token < 0 && cumulative[j] > u) token = ids[j];
        }
        return new Sample(token < 0 ? ids[ids.length - 1] : token, ids, cumulative, u);
    }
}
