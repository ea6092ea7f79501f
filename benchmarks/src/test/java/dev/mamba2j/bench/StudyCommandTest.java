package dev.mamba2j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {

    @Test
    void studyWritesRowsAndPlots(@TempDir Path dir) throws Exception {
        int[] code = new int[1];
        String out = MainTest.execute(code, "study", "--device", "jvm", "--width", "128", "--tokens", "64", "-L", "32,64",
                "--d-state", "4", "--d-states", "4,8", "--state-length", "32", "--chunk", "16", "--warmup", "0", "--repeats", "2",
                "--no-progress", "--out", dir.toString());
        assertEquals(0, code[0], out);
        List<String> csv = Files.readAllLines(dir.resolve("study.csv"));
        assertEquals(1 + 2 * 3 + 2 * 2, csv.size(), String.join("\n", csv));
        List<String> header = List.of(csv.get(0).split(","));
        assertTrue(header.containsAll(List.of("panel", "layer", "L", "batch", "d_state", "median_ms", "status", "scan_over_ssd")), csv.get(0));
        assertTrue(csv.stream().skip(1).allMatch(l -> l.contains(",ok,")), String.join("\n", csv));
        assertTrue(out.contains("×"), out); // speedups printed
        assertTrue(Files.readString(dir.resolve("study.json")).contains("\"layer\": \"attention\""));
        for (String png : List.of("study_length.png", "study_dstate.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertTrue(image != null && image.getWidth() > 100, png);
        }
    }

    @Test
    void aPointPredictedOverTheBudgetIsSkipped() {
        StudyCommand study = new StudyCommand();
        study.maxSeconds = 1;
        study.warmup = 1;
        study.repeats = 10;
        assertEquals(10, study.runsWithinBudget(0));      // nothing to predict from yet
        assertEquals(4, study.runsWithinBudget(200));     // 1000 ms / 200 ms − 1 warm-up
        assertEquals(0, study.runsWithinBudget(600));     // not even warm-up + one run fits
        double predicted = StudyCommand.predict(List.of(new double[] {512, 10, 0}, new double[] {1024, 20, 0}), 4096, 0);
        assertEquals(80, predicted, 1e-9);                // linear growth fitted from the last two points
    }
}
