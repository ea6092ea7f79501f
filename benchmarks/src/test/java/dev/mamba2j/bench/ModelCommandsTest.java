package dev.mamba2j.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The language-model commands on the shipped model: generate streams text and its timings; compare checks every device against the JVM. */
class ModelCommandsTest {
    static final String MODEL = "../hybrid-model/models/kjv-mamba2-4m";

    @Test
    void generateStreamsTextThenTimings() {
        int[] code = new int[1];
        String out = MainTest.execute(code, "generate", "--model", MODEL, "--device", "jvm", "-p", "And God said", "-n", "6",
                "--temperature", "0");
        assertEquals(0, code[0], out);
        assertTrue(out.startsWith("And God said"), out);
        assertTrue(out.contains("time to first token") && out.contains("tokens/s"), out);
    }

    @Test
    void compareRunsEveryDeviceAgainstTheJvm() {
        int[] code = new int[1];
        String out = MainTest.execute(code, "compare", "--model", MODEL, "-n", "4");
        assertEquals(0, code[0], out);
        assertTrue(out.contains("[jvm]") && out.contains("PASS") && !out.contains("FAIL"), out);
    }

    @Test
    void aMissingModelFolderIsNamed() {
        int[] code = new int[1];
        String err = MainTest.executeErr(code, "generate", "--model", "no/such/model", "--device", "jvm");
        assertEquals(2, code[0], err);
        assertTrue(err.contains("no model folder") && err.contains("no/such/model"), err);
    }
}
