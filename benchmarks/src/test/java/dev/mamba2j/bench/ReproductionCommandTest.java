package dev.mamba2j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReproductionCommandTest {
    @Test
    void tablesPerDeviceFromStudyResults(@TempDir Path dir) throws Exception {
        Path gpu = Files.createDirectories(dir.resolve("results/gpu"));
        Files.writeString(gpu.resolve("device.txt"), "Some GPU through PTX\n");
        Files.writeString(gpu.resolve("study.csv"), """
                panel,layer,L,batch,d_state,predicted_ms,status,repeats,median_ms,p10_ms,p90_ms,host_median_ms,tokens_per_s,scan_over_ssd
                length,ssd,512,128,64,,ok,50,2.0,1.9,2.1,2.2,1,4.5
                length,scan,512,128,64,,ok,50,9.0,8.9,9.1,9.2,1,
                length,attention,512,128,,,"skipped: predicted 9.0 s per run, budget 5 s",0,,,,,,
                d_state,ssd,4096,16,16,,ok,50,1.0,1,1,1,1,2.0
                d_state,scan,4096,16,16,,ok,50,2.0,2,2,2,1,
                """);
        Path out = dir.resolve("reproduction.md");
        int rc = new CommandLine(new ReproductionCommand()).execute("--results", dir.resolve("results").toString(), "--out", out.toString());
        assertEquals(0, rc);
        String md = Files.readString(out);
        assertTrue(md.contains("## Some GPU through PTX"), md);
        assertTrue(md.contains("| 512 | 2.000 | 9.000 | skipped | 4.50× | 2–8× |"), md);
        assertTrue(md.contains("| 16 | 1.000 | 2.000 | 2.00× |"), md);
    }

    @Test
    void quotedFieldsKeepTheirCommas() {
        assertEquals(List.of("a", "b, c", "d\"e", ""), ReproductionCommand.fields("a,\"b, c\",\"d\"\"e\","));
    }
}
