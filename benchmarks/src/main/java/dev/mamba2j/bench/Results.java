package dev.mamba2j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Result rows (column -> value, in insertion order) written as CSV and as JSON. The CSV header is
 * the union of every row's columns; a missing or non-finite value is an empty cell in CSV and
 * null in JSON. The JSON file is {@code {"meta": {...}, "rows": [{...}, ...]}}.
 */
final class Results {
    private final Map<String, Object> meta = new LinkedHashMap<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();

    Results meta(String key, Object value) {
        meta.put(key, value);
        return this;
    }

    Map<String, Object> newRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        rows.add(row);
        return row;
    }

    List<Map<String, Object>> rows() { return rows; }

    /** Writes {@code name.csv} and {@code name.json} into {@code dir}; returns the two paths. */
    List<Path> write(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path csv = dir.resolve(name + ".csv"), json = dir.resolve(name + ".json");
            Files.writeString(csv, csv(), StandardCharsets.UTF_8);
            Files.writeString(json, json(), StandardCharsets.UTF_8);
            return List.of(csv, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir, e);
        }
    }

    String csv() {
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, Object> r : rows) columns.addAll(r.keySet());
        StringBuilder s = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Object> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) cells.add(csvCell(r.get(c)));
            s.append(String.join(",", cells)).append('\n');
        }
        return s.toString();
    }

    String json() {
        StringBuilder s = new StringBuilder("{\n  \"meta\": ");
        object(s, meta);
        s.append(",\n  \"rows\": [");
        for (int i = 0; i < rows.size(); i++) {
            s.append(i == 0 ? "\n    " : ",\n    ");
            object(s, rows.get(i));
        }
        return s.append("\n  ]\n}\n").toString();
    }

    private static void object(StringBuilder s, Map<String, Object> m) {
        s.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!first) s.append(", ");
            first = false;
            s.append(quote(e.getKey())).append(": ").append(jsonValue(e.getValue()));
        }
        s.append('}');
    }

    private static String jsonValue(Object v) {
        if (v == null) return "null";
        if (v instanceof Boolean b) return b.toString();
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? number(d) : "null";
        }
        if (v instanceof Number n) return n.toString();
        return quote(v.toString());
    }

    private static String csvCell(Object v) {
        if (v == null) return "";
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? number(d) : "";
        }
        String t = v.toString();
        return t.contains(",") || t.contains("\"") || t.contains("\n") ? '"' + t.replace("\"", "\"\"") + '"' : t;
    }

    /** Six significant digits, no exponent for ordinary magnitudes. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        String s = String.format(Locale.ROOT, "%.6g", d);
        if (s.contains("e")) return s;
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String quote(String t) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : t.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) s.append(String.format("\\u%04x", (int) c)); else s.append(c);
                }
            }
        }
        return s.append('"').toString();
    }
}
