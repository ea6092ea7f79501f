package dev.mamba2j.model.tokenizer;

import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tokenizer.json's {@code normalizer}, {@code pre_tokenizer}, {@code post_processor} and
 * {@code decoder}. Each accepts the kinds byte-level BPE tokenizers use and refuses any other type
 * by name rather than guess at it.
 */
final class PipelineLoader {
    private PipelineLoader() {}

    static Normalizer normalizer(JsonField f) {
        if (f.isNull()) {
            return Normalizer.NONE;
        }
        return switch (f.type()) {
            case "NFC" -> Normalizer.unicode(Form.NFC);
            case "NFD" -> Normalizer.unicode(Form.NFD);
            case "NFKC" -> Normalizer.unicode(Form.NFKC);
            case "NFKD" -> Normalizer.unicode(Form.NFKD);
            case "Lowercase" -> Normalizer.lowercase();
            case "Sequence" -> Normalizer.sequence(each(f.get("normalizers"), PipelineLoader::normalizer));
            default -> throw unsupported(f, "NFC, NFD, NFKC, NFKD, Lowercase, Sequence");
        };
    }

    static PreTokenizer preTokenizer(JsonField f) {
        if (f.isNull()) {
            return PreTokenizer.NONE;
        }
        return switch (f.type()) {
            case "ByteLevel" -> new ByteLevelPreTokenizer(f.get("add_prefix_space").bool(true),
                    f.get("use_regex").bool(true), f);
            case "Split" -> new SplitPreTokenizer(splitPattern(f.get("pattern")),
                    SplitBehavior.parse(f.get("behavior")), f.get("invert").bool(false));
            case "Digits" -> new DigitsPreTokenizer(f.get("individual_digits").bool(false));
            case "Sequence" -> PreTokenizer.sequence(each(f.get("pretokenizers"), PipelineLoader::preTokenizer));
            default -> throw unsupported(f, "ByteLevel, Split, Digits, Sequence");
        };
    }

    static PostProcessor postProcessor(JsonField f) {
        if (f.isNull()) {
            return PostProcessor.NONE;
        }
        return switch (f.type()) {
            case "ByteLevel" -> PostProcessor.NONE;
            case "TemplateProcessing" -> template(f);
            case "Sequence" -> PostProcessor.sequence(each(f.get("processors"), PipelineLoader::postProcessor));
            default -> throw unsupported(f, "ByteLevel, TemplateProcessing, Sequence");
        };
    }

    static TokenDecoder decoder(JsonField f) {
        if (f.isNull()) {
            return TokenDecoder.NONE;
        }
        return switch (f.type()) {
            case "ByteLevel" -> TokenDecoder.BYTE_LEVEL;
            case "Sequence" -> {
                List<JsonField> steps = f.get("decoders").elements();
                if (steps.size() != 1) {
                    throw f.get("decoders").fail("a Sequence of " + steps.size()
                            + " decoders is not supported; only a Sequence of one");
                }
                yield decoder(steps.getFirst());
            }
            default -> throw unsupported(f, "ByteLevel, Sequence");
        };
    }

    private static OnigRegex splitPattern(JsonField pattern) {
        if (pattern.has("Regex")) {
            return OnigRegex.compile(pattern.get("Regex").text(), pattern.get("Regex"));
        }
        if (pattern.has("String")) {
            return OnigRegex.literal(pattern.get("String").text());
        }
        throw pattern.fail("must be {\"Regex\": ...} or {\"String\": ...}");
    }

    /** The {@code single} template, with each special token's ids from {@code special_tokens}. */
    private static PostProcessor template(JsonField f) {
        Map<String, int[]> specials = new HashMap<>();
        JsonField specialTokens = f.get("special_tokens");
        if (!specialTokens.isNull()) {
            for (Map.Entry<String, JsonField> e : specialTokens.members()) {
                specials.put(e.getKey(), each(e.getValue().get("ids"), JsonField::id).stream()
                        .mapToInt(Integer::intValue).toArray());
            }
        }
        List<int[]> pieces = new ArrayList<>();
        for (JsonField piece : f.get("single").elements()) {
            if (piece.has("Sequence")) {
                JsonField id = piece.get("Sequence").get("id");
                if (!id.text().equals("A")) {
                    throw id.fail("\"" + id.text() + "\" in a single-sequence template; only A");
                }
                pieces.add(null);
            } else if (piece.has("SpecialToken")) {
                JsonField id = piece.get("SpecialToken").get("id");
                int[] ids = specials.get(id.text());
                if (ids == null) {
                    throw id.fail("\"" + id.text() + "\" is not in the processor's special_tokens");
                }
                pieces.add(ids);
            } else {
                throw piece.fail("a template piece must be {\"Sequence\": ...} or {\"SpecialToken\": ...}");
            }
        }
        return PostProcessor.template(pieces);
    }

    private static TokenizerException unsupported(JsonField f, String supported) {
        return f.get("type").fail("\"" + f.type() + "\" is not supported here (supported: " + supported + ")");
    }

    private static <T> List<T> each(JsonField list, java.util.function.Function<JsonField, T> read) {
        List<T> out = new ArrayList<>();
        for (JsonField e : list.elements()) {
            out.add(read.apply(e));
        }
        return out;
    }
}
