package dev.mamba2j.model.generate;

import dev.mamba2j.model.Mamba2Model;
import dev.mamba2j.model.layers.Sampler;
import dev.mamba2j.tornado.api.Device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generation: the prompts' forward with the chunked SSD, then one recurrent step per token, until every
 * sequence has produced its end token or {@code maxTokens}. Sequences that finished early ride along in
 * the batch; their further tokens are dropped.
 */
public final class Generator {
    /** Receives each token as soon as it is known (for streaming output). */
    public interface Listener {
        void token(int sequence, int token);
    }

    /**
     * @param maxTokens tokens to generate per sequence at most
     * @param endToken  the token that ends a sequence (kept in its output), or -1 for none
     * @param warmup    run the prompts' forward once, untimed, before the timed one (some drivers, PoCL among
     *                  them, compile a kernel at its first launch)
     */
    public record Options(int maxTokens, Sampler sampler, int endToken, boolean warmup) {
        public Options {
            if (maxTokens < 1) throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        }

        public Options(int maxTokens, Sampler sampler, int endToken) { this(maxTokens, sampler, endToken, false); }
    }

    private Generator() {}

    public static Generation generate(Mamba2Model model, Device device, int[][] prompts, Options o, Listener listener) {
        if (prompts.length == 0) throw new IllegalArgumentException("no prompts given");
        int[] lengths = Arrays.stream(prompts).mapToInt(p -> p.length).toArray();
        long t0 = System.nanoTime();
        int context = Arrays.stream(lengths).max().orElse(0) + o.maxTokens();
        try (ModelPlan plan = new ModelPlan(model, device, lengths, o.sampler(), false, context)) {
            if (o.warmup()) plan.prefill(prompts);
            long t1 = System.nanoTime();
            int batch = prompts.length;
            List<List<Integer>> out = new ArrayList<>();
            for (int s = 0; s < batch; s++) out.add(new ArrayList<>());
            boolean[] done = new boolean[batch];
            int[] next = plan.prefill(prompts);
            long t2 = System.nanoTime();
            int steps = 0;
            while (accept(next, out, done, o, listener)) {
                next = plan.step();
                steps++;
            }
            long t3 = System.nanoTime();
            int[][] tokens = out.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
            return new Generation(tokens, t1 - t0, t2 - t1, t3 - t2, steps, Arrays.stream(lengths).sum());
        }
    }

    /** Takes one token per running sequence; true while some sequence still runs. */
    private static boolean accept(int[] next, List<List<Integer>> out, boolean[] done, Options o, Listener listener) {
        boolean running = false;
        for (int s = 0; s < next.length; s++) {
            if (done[s]) continue;
            if (next[s] < 0)
                throw new IllegalStateException("sequence " + s + ": the logits hold NaN after " + out.get(s).size() + " tokens");
            out.get(s).add(next[s]);
            if (listener != null) listener.token(s, next[s]);
            done[s] = next[s] == o.endToken() || out.get(s).size() >= o.maxTokens();
            running |= !done[s];
        }
        return running;
    }
}
