package dev.mamba2j.bench;

import dev.mamba2j.model.Mamba2Model;
import dev.mamba2j.model.generate.Generation;
import dev.mamba2j.model.generate.Generator;
import dev.mamba2j.model.generate.ModelPlan;
import dev.mamba2j.model.layers.Sampler;
import dev.mamba2j.model.tokenizer.Tokenizer;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
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
                rel = Math.max(rel, relative(r.logits().get(i), jvm.logits().get(i)));
                abs = Math.max(abs, maxAbs(r.logits().get(i), jvm.logits().get(i)));
            }
            boolean pass = same == jvm.tokens().length && rel <= allowed;
            ok &= pass;
            Generation g = r.timing();
            System.out.printf(Locale.ROOT, "%n[%s] %s%s%n", r.device().id(), prompt, tok.decode(r.tokens(), true).replace("\n", " / "));
            System.out.printf(Locale.ROOT, "  vs %s: %s tokens the same, logits max |diff| %.2e, relative %.2e (allowed %.0e) %s"
                            + " | time to first token %.1f ms | prefill %.0f tokens/s | decode %.1f tokens/s%n",
                    jvm.device().id(), same == jvm.tokens().length ? "all" : same + " of " + jvm.tokens().length, abs, rel, allowed,
                    pass ? "PASS" : "FAIL", g.timeToFirstTokenMs(), g.prefillTokensPerSecond(), g.decodeTokensPerSecond());
        }
        return ok ? 0 : 1;
    }

    private Run run(Mamba2Model m, Device device, int[] ids) {
        List<float[]> logits = new ArrayList<>();
        int[] tokens = new int[maxTokens];
        try (ModelPlan plan = new ModelPlan(m, device, new int[] {ids.length}, Sampler.GREEDY, false)) {
            int[] next = plan.prefill(new int[][] {ids});
            for (int t = 0; t < maxTokens; t++) {
                logits.add(plan.logits());
                tokens[t] = next[0];
                if (t + 1 < maxTokens) next = plan.step();
            }
        }
        // timed separately, without the logits' copies
        Generation timing = Generator.generate(m, device, new int[][] {ids}, new Generator.Options(maxTokens, Sampler.GREEDY, -1), null);
        return new Run(device, tokens, logits, timing);
    }

    private static int agreeing(int[] a, int[] b) {
        int n = 0;
        while (n < Math.min(a.length, b.length) && a[n] == b[n]) n++;
        return n;
    }

    private static double relative(float[] a, float[] b) {
        double err = 0, norm = 0;
        for (int i = 0; i < a.length; i++) {
            err += (a[i] - (double) b[i]) * (a[i] - (double) b[i]);
            norm += (double) b[i] * b[i];
        }
        return Math.sqrt(err / norm);
    }

    private static double maxAbs(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - (double) b[i]));
        return Double.isNaN(Arrays.stream(new double[] {m}).sum()) ? Double.NaN : m;
    }
}
