package dev.mamba2j.model.tokenizer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads tokenizer.json into a {@link Tokenizer}: the top level and the added tokens. */
final class TokenizerLoader {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TokenizerLoader() {}

    static Tokenizer load(Path path) {
        String file = path.toString();
        JsonNode root = read(path, file);
        try {
            return build(new JsonField(file, "", root), file);
        } catch (TokenizerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TokenizerException(file + ": cannot load: " + e, e);
        }
    }

    private static JsonNode read(Path path, String file) {
        try (InputStream in = Files.newInputStream(path)) {
            JsonNode root = MAPPER.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw new TokenizerException(file + ": not a tokenizer.json: the file is empty");
            }
            if (!root.isObject()) {
                throw new TokenizerException(file + ": not a tokenizer.json: the top level is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new TokenizerException(file + ": not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new TokenizerException(file + ": cannot read: " + e, e);
        }
    }

    private static Tokenizer build(JsonField top, String file) {
        if (!top.has("model")) {
            throw top.fail("not a tokenizer.json: it has no \"model\"");
        }
        JsonField version = top.get("version");
        if (!version.isNull() && !version.text().equals("1.0")) {
            throw version.fail("\"" + version.text() + "\" is not a tokenizer.json version this reads (1.0)");
        }
        Normalizer normalizer = PipelineLoader.normalizer(top.get("normalizer"));
        BpeModel model = BpeLoader.load(top.get("model"), file);
        AddedVocabulary added = new AddedVocabulary(addedTokens(top.get("added_tokens")), model, normalizer);
        PreTokenizer preTokenizer = PipelineLoader.preTokenizer(top.get("pre_tokenizer"));
        PostProcessor postProcessor = PipelineLoader.postProcessor(top.get("post_processor"));
        TokenDecoder decoder = PipelineLoader.decoder(top.get("decoder"));
        return new Tokenizer(file, model, added, normalizer, preTokenizer, postProcessor, decoder);
    }

    /** The entries' settings in file order; their ids are recomputed as the library does. */
    private static List<AddedVocabulary.Spec> addedTokens(JsonField list) {
        List<AddedVocabulary.Spec> specs = new ArrayList<>();
        if (list.isNull()) {
            return specs;
        }
        for (JsonField t : list.elements()) {
            t.get("id").id();
            specs.add(new AddedVocabulary.Spec(t.get("content").text(), t.get("special").bool(false),
                    t.get("single_word").bool(false), t.get("lstrip").bool(false), t.get("rstrip").bool(false),
                    t.get("normalized").bool(true)));
        }
        return specs;
    }
}
