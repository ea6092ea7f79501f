package dev.mamba2j.bench;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.ssd.device.SsdGraph;
import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.cuda.CudaSession;
import dev.mamba2j.tornado.runtime.DeviceRegistry;
import dev.mamba2j.tornado.runtime.DeviceRuntime;
import dev.mamba2j.verification.RandomSsdInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A long run of one device: the SSD graph executed many times through one plan, then many plans
 * built, executed once and dropped (most closed, every tenth left to the garbage collector), with
 * the process's resident memory, the runtime's live device buffers and, on CUDA, the device memory
 * the driver reports in use, sampled at intervals. A leak shows as a column that keeps growing; the
 * command fails if device buffers are left once every plan is gone, or resident memory grew by more
 * than --rss-slack-mib after the warm-up (200 executions) or over the second half of the plans. The
 * first half is the plans' warm-up: allocator pools fill, and the dropped plans awaiting the Cleaner
 * (about ten at a time, each with its buffers) settle at a level (on the H200 it took 300 plans).
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Execute the SSD graph --executions times and build and drop --plans plans, sampling resident and device memory; CSV into --out.")
final class SoakCommand implements Callable<Integer> {
    @Mixin DeviceOption deviceOption;
    @Option(names = "--executions", defaultValue = "10000", description = "executions of one plan (default: ${DEFAULT-VALUE})") int executions;
    @Option(names = "--plans", defaultValue = "1000", description = "plans built, executed once and dropped (default: ${DEFAULT-VALUE})") int plans;
    @Option(names = "--samples", defaultValue = "10", description = "samples per phase (default: ${DEFAULT-VALUE})") int samples;
    @Option(names = "--rss-slack-mib", defaultValue = "64", description = "allowed growth of resident memory after the warm-up (default: ${DEFAULT-VALUE})") long slackMib;
    @Option(names = "--seq-len", defaultValue = "512", description = "tokens per sequence of the SSD (default: ${DEFAULT-VALUE}; 2 sequences)") int seqLen;
    @Option(names = "--out", defaultValue = "results/soak", description = "folder for soak.csv (default: ${DEFAULT-VALUE})") Path out;


    private final List<String> rows = new ArrayList<>();
    private CudaSession cuda;
    private DeviceRuntime runtime;

    @Override
    public Integer call() throws IOException {
        Device device = deviceOption.device();
        runtime = DeviceRuntime.of(DeviceRegistry.get(device.id()));
        // a second session of the device, only to ask the CUDA driver how much device memory is in use
        DeviceSession probe = device.backend() == Backend.CUDA ? DeviceRegistry.get(device.id()).open() : null;
        cuda = probe instanceof CudaSession c ? c : null;
        // 2 sequences, 8 heads of 64 channels, 2 groups, d_state 64, chunks of 128: the SSD graph's kernels and buffers
        SsdShape shape = new SsdShape(2, seqLen, 8, 64, 2, 64);
        SsdInputs in = new RandomSsdInputs(1).builder(shape).chunkSize(Math.min(128, seqLen)).build();
        SsdOutputs expected = SsdOutputs.allocate(in), got = SsdOutputs.allocate(in);
        System.out.printf(Locale.ROOT, "Soak on %s (%s): the SSD graph %s, %,d executions, %,d plans%n", device.id(), device.name(), shape, executions, plans);
        System.out.println("phase        done  rss_mib  heap_mib  live_buffers  live_mib  device_used_mib");
        long buffers0 = runtime.liveBuffers();
        try {
            try (SsdGraph g = new SsdGraph(in, device)) {
                g.execute();
                g.readInto(expected);
                for (int i = 0; i < Math.min(executions, 200); i++) g.execute(); // warm-up: JIT, pools
                sample("warm-up", 0);
                long rss0 = rssKib();
                for (int i = 1; i <= executions; i++) {
                    g.execute();
                    if (i % Math.max(1, executions / samples) == 0) sample("execute", i);
                }
                g.readInto(got);
                check(expected, got, "after " + executions + " executions");
                long grown = (rssKib() - rss0) >> 10;
                if (grown > slackMib) return fail("resident memory grew by " + grown + " MiB over " + executions + " executions");
            }
            // the first interval of plans is the warm-up: new buffers grow the allocators' pools once
            long rss0 = -1, rssFirst = -1;
            for (int i = 1; i <= plans; i++) {
                SsdGraph g = new SsdGraph(in, device);
                g.execute();
                if (i % 10 != 0) g.close(); // every tenth is left to the Cleaner
                if (i % Math.max(1, plans / samples) == 0) {
                    System.gc();
                    sample("plans", i);
                    if (rssFirst < 0) rssFirst = rssKib();
                    if (rss0 < 0 && i >= plans / 2) rss0 = rssKib();
                }
            }
            for (int i = 0; i < 50 && runtime.liveBuffers() > buffers0; i++) {
                System.gc();
                sleep();
            }
            sample("end", plans);
            Files.createDirectories(out);
            Files.writeString(out.resolve("soak.csv"), "phase,done,rss_mib,heap_mib,live_buffers,live_mib,device_used_mib\n" + String.join("\n", rows) + "\n");
            if (runtime.liveBuffers() != buffers0)
                return fail((runtime.liveBuffers() - buffers0) + " device buffers still live after every plan was closed or dropped");
            long grown = (rssKib() - rss0) >> 10, settling = (rss0 - rssFirst) >> 10;
            System.out.println("resident memory: +" + settling + " MiB from plan " + plans / samples + " to plan " + plans / 2
                    + " (settling), +" + grown + " MiB over the second half");
            if (grown > slackMib) return fail("resident memory grew by " + grown + " MiB over the second half of the plans");
            System.out.println("soak: no leak found (live device buffers back to " + buffers0 + ")");
            return 0;
        } finally {
            if (probe != null) probe.close();
        }
    }

    private void sample(String phase, int done) {
        Runtime rt = Runtime.getRuntime();
        String used = "n/a";
        if (cuda != null) {
            long[] info = cuda.memoryInfo();
            used = String.valueOf((info[1] - info[0]) >> 20);
        }
        String row = String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.1f,%s", phase, done, rssKib() >> 10, (rt.totalMemory() - rt.freeMemory()) >> 20,
                runtime.liveBuffers(), runtime.liveBytes() / 1048576.0, used);
        rows.add(row);
        String[] c = row.split(",");
        System.out.printf(Locale.ROOT, "%-8s %8s %8s %9s %13s %9s %16s%n", (Object[]) c);
    }

    private static void check(SsdOutputs expected, SsdOutputs got, String when) {
        if (!java.util.Arrays.equals(expected.y(), got.y()))
            throw new IllegalStateException("the SSD's output changed " + when);
    }

    private static int fail(String message) {
        System.out.println("soak: FAILED: " + message);
        return 1;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** VmRSS of /proc/self/status in KiB, 0 where there is none. */
    static long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
