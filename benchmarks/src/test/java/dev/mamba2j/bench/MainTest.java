package dev.mamba2j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    static final String[] SMALL = {"ssd", "--device", "jvm", "--no-study", "-L", "100", "--heads", "2", "--head-dim", "8", "--d-state", "4",
            "--chunk", "16", "--repeats", "1", "--seed", "11"};

    /** Runs the command line and returns what it printed; the exit code goes into {@code code[0]}. */
    static String execute(int[] code, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code[0] = Main.commandLine().execute(args);
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** Runs the command line and returns what it printed on standard error. */
    static String executeErr(int[] code, String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        code[0] = cl.execute(args);
        return err.toString();
    }

    @Test
    void ssdPassesAndPrintsOneVerificationLinePerPath() {
        int[] code = new int[1];
        String out = execute(code, SMALL);
        assertEquals(0, code[0], out);
        assertEquals(2, out.lines().count(), out);
        assertTrue(out.lines().allMatch(l -> l.contains("PASS") && l.contains("seed=11") && l.contains("tokens/s")), out);
        assertTrue(out.contains("SSD jvm task graph") && out.contains("SSD jvm chunked"), out);
    }

    @Test
    void ssdFailsWhenTheErrorIsAboveTheThreshold() {
        String[] strict = Arrays.copyOf(SMALL, SMALL.length + 2);
        strict[SMALL.length] = "--threshold";
        strict[SMALL.length + 1] = "1e-15"; // fp32 cannot get this close to the fp64 scan
        int[] code = new int[1];
        String out = execute(code, strict);
        assertEquals(1, code[0], out);
        assertTrue(out.contains("FAIL"), out);
    }
}
