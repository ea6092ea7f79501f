package dev.mamba2j.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The main job: the shipped language model on every device present with the same prompt (each device's
 * continuation, their logits' agreement, tokens/s), then a sampled generation on the best device. The
 * SSD's own check against the scalar scan is the {@code ssd} command.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "The shipped Mamba-2 model on every device present: continuations, cross-device logit agreement, tokens/s;"
                + " then a sampled generation on the best device.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--dtype", defaultValue = "fp32", description = "fp32 or bf16 weights (default: ${DEFAULT-VALUE})") String dtype;
    @Option(names = "--device", paramLabel = "ID", description = "run only on this device (default: every device present)") String device;
    @Option(names = {"-p", "--prompt"}, defaultValue = "And God said unto Moses,", description = "the prompt (default: ${DEFAULT-VALUE})")
    String prompt;

    @Override public Integer call() {
        List<String> compare = new ArrayList<>(List.of("--dtype", dtype, "--prompt", prompt));
        if (device != null) compare.addAll(List.of("--devices", device));
        int code = Main.commandLine().execute(with("compare", compare));
        System.out.println();
        List<String> generate = new ArrayList<>(List.of("--dtype", dtype, "--prompt", "In the beginning", "--max-tokens", "64", "--ignore-eos"));
        if (device != null) generate.addAll(List.of("--device", device));
        int gen = Main.commandLine().execute(with("generate", generate));
        return code != 0 ? code : gen;
    }

    private static String[] with(String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        return all.toArray(String[]::new);
    }
}
