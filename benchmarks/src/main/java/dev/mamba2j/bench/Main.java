package dev.mamba2j.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command-line entry point; with no arguments it runs {@code run}, the main job. */
@Command(name = "mamba2j", mixinStandardHelpOptions = true, version = "mamba2j 0.1.0",
        description = "Mamba-2 language models and the SSD in Java: generation on every device, the SSD check, the benchmarks.",
        subcommands = {RunCommand.class, GenerateCommand.class, CompareCommand.class, SsdCheckCommand.class, ModelBenchCommand.class, AttentionBenchCommand.class, KernelsCommand.class, DevicesCommand.class, FuzzFilesCommand.class, FuzzJitCommand.class, SoakCommand.class, SweepCommand.class, StudyCommand.class, OverheadCommand.class, ReproductionCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        String[] effective = args.length == 0 ? new String[] {"run"} : args;
        System.exit(commandLine().execute(effective));
    }

    /**
     * The command line with every subcommand; an unsupported request or a bad argument found
     * while running (dtype, device id, sizes) prints one line and exits with 2, not a stack trace.
     */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (!(e instanceof UnsupportedOperationException || e instanceof IllegalArgumentException)) throw e;
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
            return 2;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
