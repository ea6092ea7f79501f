package dev.mamba2j.verification.report;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns JUnit's XML reports into a table of which test classes ran on which device and how they
 * ended: the conformance report of a run on a machine with GPUs. The device comes from the test's
 * display name (tests parameterised by device put its id there).
 *
 * <pre>java -cp verification.jar dev.mamba2j.verification.report.TestReport TITLE REPORT.xml... &gt; docs/x.md</pre>
 */
public final class TestReport {
    private static final Pattern DEVICE = Pattern.compile("\\b(cuda:\\d+|opencl:\\d+:\\d+|jvm)\\b");
    private static final Pattern DISPLAY = Pattern.compile("display-name: (.*)");

    private TestReport() {}

    /** Outcome counts of one (test class, device) cell. */
    static final class Cell {
        int passed, failed, skipped;

        @Override public String toString() {
            return passed + " passed" + (failed > 0 ? ", **" + failed + " failed**" : "") + (skipped > 0 ? ", " + skipped + " skipped" : "");
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TestReport TITLE REPORT.xml...");
            System.exit(2);
        }
        Map<String, Map<String, Cell>> table = new TreeMap<>();
        for (int i = 1; i < args.length; i++) read(Path.of(args[i]), table);
        System.out.print(markdown(args[0], table));
    }

    static void read(Path xml, Map<String, Map<String, Cell>> table) throws Exception {
        NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String cls = c.getAttribute("classname");
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            Cell cell = table.computeIfAbsent(cls, k -> new TreeMap<>()).computeIfAbsent(device(c), k -> new Cell());
            if (c.getElementsByTagName("failure").getLength() + c.getElementsByTagName("error").getLength() > 0) cell.failed++;
            else if (c.getElementsByTagName("skipped").getLength() > 0) cell.skipped++;
            else cell.passed++;
        }
    }

    /** The device id in the display name, or "any" for tests not parameterised by device. */
    static String device(Element testcase) {
        NodeList out = testcase.getElementsByTagName("system-out");
        if (out.getLength() == 0) return "any";
        Matcher name = DISPLAY.matcher(out.item(0).getTextContent());
        if (!name.find()) return "any";
        Matcher d = DEVICE.matcher(name.group(1));
        return d.find() ? d.group(1) : "any";
    }

    static String markdown(String title, Map<String, Map<String, Cell>> table) {
        TreeMap<String, Cell> totals = new TreeMap<>();
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<String, Map<String, Cell>> e : table.entrySet())
            for (Map.Entry<String, Cell> d : e.getValue().entrySet()) {
                rows.append("| ").append(e.getKey()).append(" | ").append(d.getKey()).append(" | ").append(d.getValue()).append(" |\n");
                Cell t = totals.computeIfAbsent(d.getKey(), k -> new Cell());
                t.passed += d.getValue().passed;
                t.failed += d.getValue().failed;
                t.skipped += d.getValue().skipped;
            }
        StringBuilder sb = new StringBuilder("## ").append(title).append("\n\n| device | tests |\n|---|---|\n");
        totals.forEach((d, c) -> sb.append("| ").append(d).append(" | ").append(c).append(" |\n"));
        return sb.append("\n| test class | device | tests |\n|---|---|---|\n").append(rows).append('\n').toString();
    }

    /** For tests: the report of files as a string. */
    static String of(String title, Path... xml) throws Exception {
        Map<String, Map<String, Cell>> table = new TreeMap<>();
        for (Path p : xml) read(p, table);
        return markdown(title, table);
    }
}
