package dev.mamba2j.bench;

import dev.mamba2j.model.Mamba2Model;
import dev.mamba2j.model.generate.Generation;
import dev.mamba2j.model.generate.Generator;
import dev.mamba2j.model.layers.Sampler;
import dev.mamba2j.model.tokenizer.StreamingDecoder;
import dev.mamba2j.model.tokenizer.Tokenizer;
import dev.mamba2j.tornado.api.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Generates text from a prompt, streaming it as it comes, then the timings. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate text from a prompt with a Mamba-2 model (streamed), then time to first token and tokens/s.")
final class GenerateCommand implements Callable<Integer> {
    @Mixin ModelOption model;
    @Mixin DeviceOption deviceOption;
    @Mixin SamplingOptions sampling;
    @Option(names = {"-p", "--prompt"}, defaultValue = "And God said,", description = "the prompt (default: ${DEFAULT-VALUE})")
    String prompt;
    @Option(names = {"-n", "--max-tokens"}, defaultValue = "64", description = "tokens to generate at most (default: ${DEFAULT-VALUE})")
    int maxTokens;
    @Option(names = "--ignore-eos", description = "go on past the end-of-text token, shown as a line break") boolean ignoreEos;
    @Option(names = "--no-warmup", description = "time the first prefill too (it may include the driver's compilation)") boolean noWarmup;

    @Override public Integer call() {
        Device device = deviceOption.device();
        Tokenizer tok = model.tokenizer();
        Mamba2Model m = model.load();
        int[] ids = Prompts.encode(tok, m.config(), prompt);
        PrintStream out = System.out;
        out.print(prompt);
        out.flush();
        StreamingDecoder stream = tok.streamingDecoder(true);
        int eos = Prompts.endToken(m.config());
        Generation g = Generator.generate(m, device, new int[][] {ids}, new Generator.Options(maxTokens, sampling.sampler(),
                ignoreEos ? -1 : eos, !noWarmup), (s, token) -> {
            out.print(token == eos ? stream.flush() + "\n" : stream.next(token));
            out.flush();
        });
        out.println(stream.flush());
        out.println(String.format(Locale.ROOT, "%s on %s (%s): %d prompt tokens, %d generated | setup %.0f ms (kernels built, weights sent, warm-up)"
                        + " | time to first token %.1f ms (prefill %.0f tokens/s) | decode %.1f tokens/s (%d steps)",
                model.dir().getFileName(), device.id(), model.dtype, ids.length, g.tokens()[0].length, g.setupNanos() / 1e6,
                g.timeToFirstTokenMs(), g.prefillTokensPerSecond(), g.decodeTokensPerSecond(), g.steps()));
        return 0;
    }
}
