package dev.mamba2j.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal is a TokenizerException naming the file and, where there is one, the field. */
class LoadErrorsTest {
    @TempDir
    Path dir;

    private void assertRefused(Path file, String... parts) {
        TokenizerException e = assertThrows(TokenizerException.class, () -> Tokenizer.load(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), message);
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "\"" + message + "\" lacks \"" + part + "\"");
        }
    }

    private void assertVariantRefused(Consumer<ObjectNode> edit, String... parts) {
        assertRefused(TestFiles.variant("tokenizer/tiny-bytelevel.json", dir, "variant.json", edit), parts);
    }

    @Test
    void filesThatAreNotTokenizerJson() {
        assertRefused(dir.resolve("absent.json"), "cannot read", "NoSuchFile");
        assertRefused(TestFiles.write(dir, "empty.json", ""), "empty");
        assertRefused(TestFiles.write(dir, "text.json", "hello"), "not valid JSON", "line 1");
        assertRefused(TestFiles.write(dir, "cut.json", "{\"model\": {\"type\": \"BPE\", "), "not valid JSON");
        assertRefused(TestFiles.write(dir, "two.json", "{} {}"), "not valid JSON");
        assertRefused(TestFiles.write(dir, "array.json", "[1, 2]"), "not a JSON object");
        assertRefused(TestFiles.write(dir, "config.json", "{\"d_model\": 768}"), "not a tokenizer.json", "\"model\"");
        assertVariantRefused(root -> root.put("version", "2.0"), "version", "\"2.0\"");
    }

    @Test
    void modelsOtherThanBpe() {
        for (String type : new String[] {"WordPiece", "Unigram", "WordLevel"}) {
            assertVariantRefused(root -> ((ObjectNode) root.get("model")).put("type", type),
                    "model.type", "\"" + type + "\"", "only BPE");
        }
    }

    @Test
    void bpeOptionsThatChangeTheResult() {
        assertVariantRefused(root -> ((ObjectNode) root.get("model")).put("dropout", 0.1), "model.dropout", "random");
        assertVariantRefused(root -> ((ObjectNode) root.get("model")).put("byte_fallback", true), "model.byte_fallback");
        assertVariantRefused(root -> ((ArrayNode) root.get("model").get("merges")).add("x zz"),
                "model.merges[21]", "\"zz\" is not in model.vocab");
        assertVariantRefused(root -> ((ArrayNode) root.get("model").get("merges")).add("x y"),
                "model.merges[21]", "\"xy\" is not in model.vocab");
        assertVariantRefused(root -> ((ArrayNode) root.get("model").get("merges")).add("a b c"),
                "model.merges[21]", "one space");
        assertVariantRefused(root -> ((ObjectNode) root.get("model").get("vocab")).put("bad", -3),
                "model.vocab[\"bad\"]", "token id");
        assertVariantRefused(root -> ((ObjectNode) root.get("model")).remove("vocab"), "model.vocab", "missing");
    }

    @Test
    void componentsOfUnknownTypeAreNamed() {
        assertVariantRefused(root -> root.putObject("normalizer").put("type", "BertNormalizer"),
                "normalizer.type", "\"BertNormalizer\"", "NFC");
        assertVariantRefused(root -> root.putObject("pre_tokenizer").put("type", "Metaspace"),
                "pre_tokenizer.type", "\"Metaspace\"");
        assertVariantRefused(root -> root.putObject("pre_tokenizer").put("type", "Sequence")
                .putArray("pretokenizers").addObject().put("type", "Whitespace"),
                "pre_tokenizer.pretokenizers[0].type", "\"Whitespace\"");
        assertVariantRefused(root -> root.putObject("post_processor").put("type", "RobertaProcessing"),
                "post_processor.type", "\"RobertaProcessing\"");
        assertVariantRefused(root -> root.putObject("decoder").put("type", "WordPiece"),
                "decoder.type", "\"WordPiece\"");
        assertVariantRefused(root -> root.putObject("pre_tokenizer").put("type", "Split").put("behavior", "Dropped")
                .put("invert", false).putObject("pattern").put("String", " "),
                "pre_tokenizer.behavior", "\"Dropped\"");
        assertVariantRefused(root -> root.put("normalizer", 42), "normalizer", "object");
    }

    @Test
    void regexesJavaWouldReadDifferentlyOrNotAtAll() {
        assertVariantRefused(root -> root.putObject("pre_tokenizer").put("type", "Split").put("behavior", "Isolated")
                .put("invert", false).putObject("pattern").put("Regex", "\\h+"),
                "pre_tokenizer.pattern.Regex", "\\h");
        assertVariantRefused(root -> root.putObject("pre_tokenizer").put("type", "Split").put("behavior", "Isolated")
                .put("invert", false).putObject("pattern").put("Regex", "(unclosed"),
                "pre_tokenizer.pattern.Regex", "does not compile");
    }

    @Test
    void templatesThatCannotApplyToOneSequence() {
        assertVariantRefused(root -> {
            ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
            post.putArray("single").addObject().putObject("SpecialToken").put("id", "<s>").put("type_id", 0);
            post.putObject("special_tokens");
        }, "post_processor.single[0].SpecialToken.id", "\"<s>\"");
        assertVariantRefused(root -> {
            ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
            post.putArray("single").addObject().putObject("Sequence").put("id", "B").put("type_id", 0);
        }, "post_processor.single[0].Sequence.id", "only A");
    }

    @Test
    void aMissingUnknownTokenFailsOnlyWhenNeeded() {
        // The library loads such a file and fails when a character is not in the vocabulary.
        Path file = TestFiles.variant("tokenizer/tiny-bytelevel.json", dir, "unk.json", root -> {
            ((ObjectNode) root.get("model")).put("unk_token", "<unk>");
            root.putNull("pre_tokenizer");
        });
        Tokenizer tok = Tokenizer.load(file);
        tok.encode("hello");
        TokenizerException e = assertThrows(TokenizerException.class, () -> tok.encode("hello world"));
        assertTrue(e.getMessage().contains("model.unk_token"), e.getMessage());
    }
}
