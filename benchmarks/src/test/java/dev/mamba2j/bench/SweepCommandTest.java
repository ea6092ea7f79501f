package dev.mamba2j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

    @Test
    void devicesListsTheJvmDevice() {
        int[] code = new int[1];
        String out = MainTest.execute(code, "devices");
        assertEquals(0, code[0], out);
        assertTrue(out.contains("jvm") && out.contains("selected"), out);
    }

    @Test
    void sweepWritesOneRowPerPoint(@TempDir Path dir) throws Exception {
        int[] code = new int[1];
        String out = MainTest.execute(code, "sweep", "--device", "jvm", "--heads", "2", "--head-dim", "8", "--d-state", "4,8",
                "-L", "32,64", "--tokens", "64", "--chunk", "16", "--warmup", "1", "--repeats", "3", "--no-progress",
                "--peak-gbs", "10", "--peak-tflops", "1", "--out", dir.toString());
        assertEquals(0, code[0], out);
        List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
        assertEquals(5, csv.size(), String.join("\n", csv));
        List<String> header = List.of(csv.get(0).split(","));
        assertTrue(header.containsAll(List.of("d_state", "L", "batch", "median_ms", "p10_ms", "p90_ms", "tokens_per_s",
                "gb_per_s", "tflop_per_s", "floor_ms", "task_scan_ms")), csv.get(0));
        String[] first = csv.get(1).split(",", -1);
        assertEquals(header.size(), first.length);
        assertEquals("2", first[header.indexOf("batch")]); // 64 tokens / L=32
        assertTrue(Double.parseDouble(first[header.indexOf("median_ms")]) > 0);
        assertTrue(Double.parseDouble(first[header.indexOf("floor_ms")]) > 0);
        String json = Files.readString(dir.resolve("sweep.json"));
        assertTrue(json.contains("\"rows\"") && json.contains("\"median_ms\"") && json.contains("\"device\": \"jvm\""), json);
    }

    @Test
    void bf16RunsWithHalfTheTokenBytes(@TempDir Path dir) throws Exception {
        int[] code = new int[1];
        String out = MainTest.execute(code, "sweep", "--device", "jvm", "--dtype", "bf16", "--heads", "2", "--head-dim", "8",
                "--d-state", "4", "-L", "32", "--tokens", "32", "--chunk", "16", "--warmup", "1", "--repeats", "2",
                "--no-progress", "--out", dir.toString());
        assertEquals(0, code[0], out);
        assertTrue(Files.readString(dir.resolve("sweep.json")).contains("\"dtype\": \"bf16\""));
    }

    @Test
    void unknownDtypeIsRefusedWithAMessage(@TempDir Path dir) {
        int[] code = new int[1];
        MainTest.execute(code, "sweep", "--device", "jvm", "--dtype", "fp8", "--out", dir.toString());
        assertEquals(2, code[0]);
    }
}
