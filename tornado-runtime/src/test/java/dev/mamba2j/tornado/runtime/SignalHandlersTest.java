package dev.mamba2j.tornado.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
                System.getProperty("java.class.path"), SignalProbe.class.getName()));
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
}
