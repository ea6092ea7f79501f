package dev.mamba2j.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code *.golden.json} in test resources {@code tokenizer-golden/}: each case's text must
 * encode to its ids (with and without special tokens) and the ids decode to its text, in one go
 * and streamed. Golden files come from {@code hybrid-model/scripts/tokenizer_golden.py} and the
 * Python tokenizers library; the two tiny ones there are hand-derived and say so.
 */
class GoldenTest {
    private static final Path FOLDER = TestFiles.resource("tokenizer-golden");

    static Stream<Path> goldenFiles() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".golden.json")).sorted().toList().stream();
        }
    }

    @Test
    void theHandMadeGoldenFilesAreThere() throws IOException {
        List<String> names = goldenFiles().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.contains("tiny-bytelevel.golden.json"), names::toString);
        assertTrue(names.contains("tiny-split-template.golden.json"), names::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void everyCaseMatches(Path golden) throws IOException {
        JsonNode root = TestFiles.JSON.readTree(golden.toFile());
        Tokenizer tok = Tokenizer.load(golden.resolveSibling(root.get("tokenizer").asText()));
        JsonNode cases = root.get("cases");
        assertFalse(cases.isEmpty(), golden + " has no cases");
        List<String> failures = new ArrayList<>();
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            int[] ids = ints(c.get("ids"));
            check(failures, text, "encode", ids, tok.encode(text));
            if (c.has("ids_plain")) {
                check(failures, text, "encode without special tokens", ints(c.get("ids_plain")), tok.encode(text, false));
            }
            check(failures, text, "decode", c.get("decoded").asText(), tok.decode(ids));
            if (c.has("decoded_skip_special")) {
                check(failures, text, "decode skipping special tokens", c.get("decoded_skip_special").asText(),
                        tok.decode(ids, true));
            }
            StreamingDecoder stream = tok.streamingDecoder();
            StringBuilder streamed = new StringBuilder();
            for (int id : ids) {
                streamed.append(stream.next(id));
            }
            check(failures, text, "streamed decode", c.get("decoded").asText(), streamed.append(stream.flush()).toString());
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " cases of " + golden.getFileName() + " differ:\n"
                    + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
    }

    private static void check(List<String> failures, String text, String what, Object expected, Object actual) {
        boolean same = expected instanceof int[] e ? Arrays.equals(e, (int[]) actual) : expected.equals(actual);
        if (!same) {
            failures.add(what + " of " + quote(text) + ": expected " + show(expected) + ", got " + show(actual));
        }
    }

    private static String show(Object o) {
        return o instanceof int[] a ? Arrays.toString(a) : quote((String) o);
    }

    private static String quote(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return "\"" + shown.replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }
}
