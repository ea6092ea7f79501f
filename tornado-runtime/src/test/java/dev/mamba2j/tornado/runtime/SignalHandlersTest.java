package dev.mamba2j.tornado.runtime;

import org.junit.jupiter.api.Test;

import dev.mamba2j.tornado.api.Devices;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading the native drivers must not change what Java does: a process started without HotSpot's
 * signal-chaining library (as `java -jar` starts), that has loaded every driver present and run a
 * kernel on each device, still throws ArithmeticException for every integer division by zero.
 */
class SignalHandlersTest {
    @Test
    void integerDivisionByZeroThrowsAfterEveryDriverHasLoaded() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp",
                classPath(), SignalProbe.class.getName()));
        pb.environment().remove("LD_PRELOAD");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
        System.out.print(out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("devices ") && out.contains("jvm"), out);
        assertTrue(out.contains("silent divisions 0"), "integer division by zero returned a value instead of throwing:\n" + out);
    }

    /** This JVM's class path and wherever the probe's classes were loaded from (a launcher may load tests from jars it was given). */
    private static String classPath() {
        Stream<String> sources = Stream.of(SignalProbe.class, RuntimeService.class, Devices.class).map(c -> {
            try {
                return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        return Stream.concat(Stream.of(System.getProperty("java.class.path")), sources).distinct().collect(Collectors.joining(File.pathSeparator));
    }
}
