package dev.mamba2j.bench;

import dev.mamba2j.model.Mamba2Model;
import dev.mamba2j.model.generate.Generation;
import dev.mamba2j.model.generate.ModelPlan;
import dev.mamba2j.model.layers.Sampler;
import dev.mamba2j.model.tokenizer.Tokenizer;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.verification.RelativeError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * One model, one prompt, every device: each device's greedy continuation, how far its logits are from
 * the JVM device's (the prompt's rows and every step, while the tokens agree), and its speed. Exits with
 * 1 when a device's continuation differs from the JVM's or its logits are further than the tolerance.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run one prompt on every device present: greedy continuation, logit difference to the JVM device, tokens/s.")
final class CompareCommand implements Callable<Integer> {
    @Mixin ModelOption model;
    @Option(names = {"-p", "--prompt"}, defaultValue = "And God said unto Moses,", description = "the prompt (default: ${DEFAULT-VALUE})")
    String prompt;
    @Option(names = {"-n", "--max-tokens"}, defaultValue = "40", description = "tokens to generate (default: ${DEFAULT-VALUE})")
    int maxTokens;
    @Option(names = "--devices", split = ",", paramLabel = "ID", description = "devices to run on (default: every device present)")
    List<String> deviceIds;
    @Option(names = "--tolerance", defaultValue = "1e-4",
            description = "largest relative logit difference to the JVM device that passes, fp32 (default: ${DEFAULT-VALUE}; bf16 allows 100 times more)")
    double tolerance;

    /** One device's run: the generated tokens, the logits of the prompt's last row and of each step, the timing. */
    record Run(Device device, int[] tokens, List<float[]> logits, Generation timing) {}

    @Override public Integer call() {
        Tokenizer tok = model.tokenizer();
        Mamba2Model m = model.load();
        int[] ids = Prompts.encode(tok, m.config(), prompt);
        List<Device> devices = deviceIds == null ? Devices.all() : deviceIds.stream().map(Devices::get).toList();
        if (deviceIds == null && ids.length > dev.mamba2j.model.layers.Linear.DECODE_ROWS) { // a long prompt's tiles need the local memory
            for (Device d : devices)
                if (!dev.mamba2j.model.layers.Linear.tiledFits(d))
                    System.out.printf(Locale.ROOT, "%s left out: a prompt of %d tokens runs the tiled linear layer, which stages %d bytes of local memory; it has %d%n",
                            d.id(), ids.length, dev.mamba2j.model.layers.Linear.TILED_LOCAL_BYTES, d.localMemoryBytes());
            devices = devices.stream().filter(dev.mamba2j.model.layers.Linear::tiledFits).toList();
        }
        System.out.printf(Locale.ROOT, "%s (%d parameters, %s weights), prompt \"%s\" (%d tokens), %d greedy tokens on %s%n",
                model.dir().getFileName(), m.parameters(), model.dtype, prompt, ids.length, maxTokens,
                String.join(", ", devices.stream().map(Device::id).toList()));
        List<Run> runs = new ArrayList<>();
        for (Device d : devices) runs.add(run(m, d, ids));
        Run jvm = runs.stream().filter(r -> r.device().id().equals("jvm")).findFirst().orElse(runs.getFirst());
        double allowed = tolerance * (model.precision() == dev.mamba2j.model.layers.Precision.BF16 ? 100 : 1);
        boolean ok = true;
        for (Run r : runs) {
            int same = agreeing(r.tokens(), jvm.tokens());
            double rel = 0, abs = 0;
            for (int i = 0; i <= Math.min(same, r.logits().size() - 1); i++) {
                rel = Math.max(rel, RelativeError.of(r.logits().get(i), jvm.logits().get(i)));
                abs = Math.max(abs, maxAbs(r.logits().get(i), jvm.logits().get(i)));
            }
            boolean pass = same == jvm.tokens().length && rel <= allowed;
            ok &= pass;
            Generation g = r.timing();
            System.out.printf(Locale.ROOT, "%n[%s] %s%s%n", r.device().id(), prompt, text(tok, r.tokens(), Prompts.endToken(m.config())));
            System.out.printf(Locale.ROOT, "  vs %s: %s tokens the same, logits max |diff| %.2e, relative %.2e (allowed %.0e) %s"
                            + " | time to first token %.1f ms | prefill %.0f tokens/s | decode %.1f tokens/s%n",
                    jvm.device().id(), same == jvm.tokens().length ? "all" : same + " of " + jvm.tokens().length, abs, rel, allowed,
                    pass ? "PASS" : "FAIL", g.timeToFirstTokenMs(), g.prefillTokensPerSecond(), g.decodeTokensPerSecond());
        }
        return ok ? 0 : 1;
    }

    /** Greedy tokens with each forward's logits; timed as it goes (the logits' copies count in the decode time). */
    private Run run(Mamba2Model m, Device device, int[] ids) {
        List<float[]> logits = new ArrayList<>();
        int[] tokens = new int[maxTokens];
        long t0 = System.nanoTime(), t1, t2, t3;
        try (ModelPlan plan = new ModelPlan(m, device, new int[] {ids.length}, Sampler.GREEDY, false, ids.length + maxTokens)) {
            plan.prefill(new int[][] {ids}); // warm-up: some drivers compile a kernel at its first launch
            t1 = System.nanoTime();
            int[] next = plan.prefill(new int[][] {ids});
            t2 = System.nanoTime();
            for (int t = 0; t < maxTokens; t++) {
                logits.add(plan.logits());
                tokens[t] = next[0];
                if (t + 1 < maxTokens) next = plan.step();
            }
            t3 = System.nanoTime();
        }
        return new Run(device, tokens, logits, new Generation(new int[][] {tokens}, t1 - t0, t2 - t1, t3 - t2, maxTokens - 1, ids.length));
    }

    /** The tokens as text on one line, the end-of-text token shown as " / ". */
    private static String text(Tokenizer tok, int[] tokens, int eos) {
        StringBuilder s = new StringBuilder();
        int from = 0;
        for (int i = 0; i <= tokens.length; i++)
            if (i == tokens.length || tokens[i] == eos) {
                s.append(tok.decode(Arrays.copyOfRange(tokens, from, i), true));
                if (i < tokens.length) s.append(" / ");
                from = i + 1;
            }
        return s.toString().replace("\n", " / ");
    }

    private static int agreeing(int[] a, int[] b) {
        int n = 0;
        while (n < Math.min(a.length, b.length) && a[n] == b[n]) n++;
        return n;
    }

    private static double maxAbs(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - (double) b[i]));
        return m; // Math.max keeps a NaN
    }
}
