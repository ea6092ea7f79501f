package dev.mamba2j.tornado.driver.opencl;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library is bound once per JVM, so a missing one is tried in a child JVM. */
class MissingLibraryTest {

    /** Entry point of the child: prints the device count and the reason. */
    public static void main(String[] args) {
        OpenClDriver driver = new OpenClDriver();
        System.out.println("devices=" + driver.devices().size());
        System.out.println("reason=" + driver.unavailableReason());
    }

    @Test
    void missingLibraryGivesNoDevicesAndAReason() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dmamba2j.opencl.library=/nonexistent/libOpenCL.so.1",
                "-cp", classPath(), MissingLibraryTest.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("devices=0"), out);
        assertTrue(out.contains("reason=OpenCL library not loadable") && out.contains("/nonexistent/libOpenCL.so.1"), out);
    }

    /** This JVM's class path plus where the test and driver classes came from (a launcher run with -jar has only its own). */
    private static String classPath() {
        return String.join(java.io.File.pathSeparator, System.getProperty("java.class.path"),
                location(MissingLibraryTest.class), location(OpenClDriver.class));
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
