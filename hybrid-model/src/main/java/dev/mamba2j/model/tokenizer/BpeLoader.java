package dev.mamba2j.model.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tokenizer.json's {@code model}: a BPE vocabulary and merges, the merges either as "a b"
 * strings or, from newer files, as ["a", "b"] pairs. Options that change what BPE does and that
 * byte-level tokenizers do not use are refused by name.
 */
final class BpeLoader {
    private BpeLoader() {}

    static BpeModel load(JsonField model, String file) {
        if (!model.isObject()) {
            throw model.fail("must be an object");
        }
        String type = model.get("type").textOrNull();
        if (type == null && !model.has("merges")) {
            throw model.fail("has neither a \"type\" nor \"merges\": not a BPE model");
        }
        if (type != null && !type.equals("BPE")) {
            throw model.get("type").fail("\"" + type + "\" models are not supported; only BPE");
        }
        JsonField dropout = model.get("dropout");
        if (!dropout.isNull() && dropout.number() != 0.0) {
            throw dropout.fail(dropout.number() + " is not supported: BPE dropout makes encoding random; only null");
        }
        if (model.get("byte_fallback").bool(false)) {
            throw model.get("byte_fallback").fail("true is not supported (SentencePiece-style byte tokens); only false");
        }
        String prefix = model.get("continuing_subword_prefix").textOrNull();

        Map<String, Integer> vocab = new HashMap<>();
        Map<Integer, String> tokensById = new HashMap<>();
        JsonField vocabField = model.get("vocab");
        if (vocabField.isNull()) {
            throw vocabField.fail("missing");
        }
        for (Map.Entry<String, JsonField> e : vocabField.members()) {
            int id = e.getValue().id();
            vocab.put(e.getKey(), id);
            tokensById.putIfAbsent(id, e.getKey());
        }

        JsonField mergesField = model.get("merges");
        if (mergesField.isNull()) {
            throw mergesField.fail("missing");
        }
        List<JsonField> entries = mergesField.elements();
        MergeTable merges = new MergeTable(entries.size());
        for (int rank = 0; rank < entries.size(); rank++) {
            JsonField entry = entries.get(rank);
            String[] pair = pair(entry);
            int left = idOf(pair[0], vocab, entry);
            int right = idOf(pair[1], vocab, entry);
            int cut = prefix == null ? 0 : prefix.length();
            if (pair[1].length() < cut) {
                throw entry.fail("\"" + pair[1] + "\" is shorter than model.continuing_subword_prefix");
            }
            merges.put(left, right, rank, idOf(pair[0] + pair[1].substring(cut), vocab, entry));
        }
        return new BpeModel(vocab, tokensById, merges, model.get("unk_token").textOrNull(), prefix,
                model.get("end_of_word_suffix").textOrNull(), model.get("fuse_unk").bool(false),
                model.get("ignore_merges").bool(false), file);
    }

    private static String[] pair(JsonField entry) {
        if (entry.isArray()) {
            List<JsonField> parts = entry.elements();
            if (parts.size() != 2) {
                throw entry.fail("a merge must be a pair of two tokens, not " + parts.size());
            }
            return new String[] {parts.get(0).text(), parts.get(1).text()};
        }
        if (!entry.isText()) {
            throw entry.fail("a merge must be \"a b\" or [\"a\", \"b\"]");
        }
        // "a b": exactly one space, as the library splits it.
        String s = entry.text();
        int space = s.indexOf(' ');
        if (space < 0 || s.indexOf(' ', space + 1) >= 0) {
            throw entry.fail("\"" + s + "\" is not a merge: it must be two tokens separated by one space");
        }
        return new String[] {s.substring(0, space), s.substring(space + 1)};
    }

    private static int idOf(String token, Map<String, Integer> vocab, JsonField where) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw where.fail("token \"" + token + "\" is not in model.vocab");
        }
        return id;
    }
}
