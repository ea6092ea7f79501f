package dev.mamba2j.verification.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportTest {
    @Test
    void countsOutcomesPerClassAndDevice(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("TEST-junit-jupiter.xml");
        Files.writeString(xml, """
                <testsuite name="JUnit Jupiter">
                <testcase name="a(String)[1]" classname="p.ConformanceTest"><system-out><![CDATA[
                display-name: [1] cuda:0
                ]]></system-out></testcase>
                <testcase name="a(String)[2]" classname="p.ConformanceTest"><failure message="x"/><system-out><![CDATA[
                display-name: [2] opencl:1:0
                ]]></system-out></testcase>
                <testcase name="b()" classname="p.Other"><skipped/></testcase>
                </testsuite>
                """);
        String md = TestReport.of("run", xml);
        assertTrue(md.contains("| ConformanceTest | cuda:0 | 1 passed |"), md);
        assertTrue(md.contains("| ConformanceTest | opencl:1:0 | 0 passed, **1 failed** |"), md);
        assertTrue(md.contains("| Other | any | 0 passed, 1 skipped |"), md);
        assertTrue(md.contains("| cuda:0 | 1 passed |"), md);
    }
}
