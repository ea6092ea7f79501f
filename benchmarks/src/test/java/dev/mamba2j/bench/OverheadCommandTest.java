package dev.mamba2j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverheadCommandTest {

    @Test
    void overheadMeasuresJitLaunchCopyAndMatmul(@TempDir Path dir) throws Exception {
        int[] code = new int[1];
        String out = MainTest.execute(code, "overhead", "--device", "jvm", "--launches", "20", "--tiny-n", "64",
                "--copy-mib", "1", "--matmul-n", "40", "--repeats", "2", "--out", dir.toString());
        assertEquals(0, code[0], out);
        List<String> csv = Files.readAllLines(dir.resolve("overhead.csv"));
        assertEquals("section,measurement,value,unit,note", csv.get(0));
        for (String section : List.of("jit,", "execute,", "launch,", "copy,", "matmul,"))
            assertTrue(csv.stream().anyMatch(l -> l.startsWith(section)), section + " missing:\n" + String.join("\n", csv));
        assertTrue(csv.stream().noneMatch(l -> l.contains("WRONG")), String.join("\n", csv));
        assertTrue(Files.readString(dir.resolve("overhead.json")).contains("\"section\": \"matmul\""));
    }
}
