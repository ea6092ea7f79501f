package dev.mamba2j.bench;

import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.verification.fuzz.JitFuzzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The JIT fuzzer: random kernels of the kernel subset, compiled from Java source in memory, run as
 * plain Java and on each device, and assembled by ptxas where installed (checked by spirv-val as Vulkan
 * SPIR-V if asked); any bit of difference is a
 * finding, shrunk to a small kernel and written to --out.
 */
@Command(name = "fuzz-jit", mixinStandardHelpOptions = true,
        description = "Run random kernels as Java and on each device (and through ptxas); exit 1 if any result differs from Java's.")
final class FuzzJitCommand implements Callable<Integer> {
    @Option(names = {"-n", "--count"}, defaultValue = "10000", description = "kernels (default: ${DEFAULT-VALUE})") int count;
    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--device", paramLabel = "ID", split = ",",
            description = "devices to run on, e.g. jvm,opencl:nvidia,cuda:0 (default: every device present)") List<String> devices;
    @Option(names = "--no-ptxas", description = "do not assemble the PTX of every kernel with ptxas") boolean noPtxas;
    @Option(names = "--spirv-val", description = "also print every kernel as Vulkan SPIR-V and check it with spirv-val (where installed)") boolean spirvVal;
    @Option(names = "--subnormals", defaultValue = "auto", description = "subnormal floats in kernels and inputs: auto (left out where a"
            + " device named may flush them), on, off (default: ${DEFAULT-VALUE})") Subnormals subnormals;
    @Option(names = "--batch", defaultValue = "50", description = "kernels compiled to one class (default: ${DEFAULT-VALUE})") int batch;
    @Option(names = "--out", defaultValue = "results/fuzz-jit", description = "folder for the findings' kernels (default: ${DEFAULT-VALUE})") Path out;

    enum Subnormals { auto, on, off }

    @Override public Integer call() throws Exception {
        List<String> ids = devices == null ? Devices.all().stream().map(Device::id).toList() : devices.stream().map(d -> Devices.get(d).id()).toList();
        JitFuzzer fuzzer = new JitFuzzer(ids, !noPtxas, spirvVal, System.err::println);
        List<String> flushing = ids.stream().filter(JitFuzzer::mayFlushSubnormals).toList();
        if (subnormals == Subnormals.off || subnormals == Subnormals.auto && !flushing.isEmpty()) {
            fuzzer.normalFloatsOnly();
            System.err.println("no subnormal floats in kernels or inputs" + (flushing.isEmpty() ? "" : " (" + flushing + " may flush them)"));
        } else if (!flushing.isEmpty()) {
            System.err.println(flushing + " may flush subnormals: expect findings from those");
        }
        if (spirvVal && !fuzzer.validatesSpirv()) System.err.println("spirv-val not installed: SPIR-V validation skipped");
        System.err.println(count + " kernels, seed " + seed + ", on " + ids + (fuzzer.assemblesPtx() ? " and ptxas" : "")
                + (fuzzer.validatesSpirv() ? " and spirv-val" : ""));
        long t0 = System.nanoTime();
        JitFuzzer.Report r = fuzzer.run(count, seed, batch);
        System.out.println(r.summary());
        System.out.printf("%.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (!r.findings().isEmpty()) {
            Files.createDirectories(out);
            for (int i = 0; i < r.findings().size(); i++) {
                JitFuzzer.Finding f = r.findings().get(i);
                Files.writeString(out.resolve("finding-" + i + ".java"), "// " + f.target() + ": " + f.problem().replace("\n", "\n// ") + "\n" + f.source());
            }
        }
        return r.findings().isEmpty() ? 0 : 1;
    }
}
