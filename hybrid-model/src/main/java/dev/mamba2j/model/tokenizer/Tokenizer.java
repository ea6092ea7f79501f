package dev.mamba2j.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A byte-level BPE tokenizer read from a Hugging Face tokenizer.json; gives the ids the Python
 * {@code tokenizers} library gives for the same file. Encoding: added tokens are cut out first,
 * the rest is normalized, pre-tokenized into words, and each word merged by BPE; the
 * post-processor then adds special tokens when asked. The file's {@code truncation} and {@code
 * padding} settings are not applied: lengths are the caller's business.
 *
 * <p>Immutable and safe to share between threads; a {@link StreamingDecoder} is not.
 */
public final class Tokenizer {
    private final String source;
    private final BpeModel model;
    private final AddedVocabulary added;
    private final Normalizer normalizer;
    private final PreTokenizer preTokenizer;
    private final PostProcessor postProcessor;
    private final TokenDecoder decoder;

    Tokenizer(String source, BpeModel model, AddedVocabulary added, Normalizer normalizer,
              PreTokenizer preTokenizer, PostProcessor postProcessor, TokenDecoder decoder) {
        this.source = source;
        this.model = model;
        this.added = added;
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.postProcessor = postProcessor;
        this.decoder = decoder;
    }

    /**
     * Reads a tokenizer.json.
     *
     * @throws TokenizerException if the file cannot be read, is not a tokenizer.json, or uses an
     *     option this package does not implement; the message names the file and the field
     */
    public static Tokenizer load(Path tokenizerJson) {
        return TokenizerLoader.load(tokenizerJson);
    }

    /** The text's ids, with the special tokens the post-processor adds (the library's default). */
    public int[] encode(String text) {
        return encode(text, true);
    }

    /**
     * The text's ids; {@code addSpecialTokens} lets the file's post-processor add its special
     * tokens (a TemplateProcessing's bos, say). Added tokens written in the text are always
     * recognized.
     */
    public int[] encode(String text, boolean addSpecialTokens) {
        Objects.requireNonNull(text, "text");
        IntArrayBuilder ids = new IntArrayBuilder();
        List<String> words = new ArrayList<>();
        for (AddedVocabulary.Segment segment : added.split(text, normalizer)) {
            if (segment.id() >= 0) {
                ids.add(segment.id());
                continue;
            }
            words.clear();
            preTokenizer.split(segment.text(), words);
            for (String word : words) {
                model.tokenize(word, ids);
            }
        }
        return postProcessor.process(ids.toArray(), addSpecialTokens);
    }

    /**
     * The text of the ids, special tokens included. Ids the vocabulary lacks are skipped; bytes
     * that are not valid UTF-8 become U+FFFD, one per maximal invalid sequence.
     */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /** As {@link #decode(int[])}; with {@code skipSpecialTokens}, special tokens are left out. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (int id : ids) {
            String token = decodable(id, skipSpecialTokens);
            if (token != null) {
                decoder.append(token, first, bytes);
                first = false;
            }
        }
        byte[] b = bytes.toByteArray();
        StringBuilder out = new StringBuilder(b.length);
        Utf8.decode(b, 0, b.length, true, out);
        return out.toString();
    }

    /** A decoder for generated ids, one at a time, special tokens included. */
    public StreamingDecoder streamingDecoder() {
        return new StreamingDecoder(this, false);
    }

    /** A decoder for generated ids, one at a time; with {@code skipSpecialTokens}, they give "". */
    public StreamingDecoder streamingDecoder(boolean skipSpecialTokens) {
        return new StreamingDecoder(this, skipSpecialTokens);
    }

    /**
     * How many distinct tokens there are: the model's vocabulary and the added tokens (the
     * library's {@code get_vocab_size(with_added_tokens=True)}). Ids need not be dense: the largest
     * id may be larger.
     */
    public int vocabSize() {
        int size = model.size();
        for (String content : added.idsByContent().keySet()) {
            if (model.id(content) == null) {
                size++;
            }
        }
        return size;
    }

    /** The id of a token, written as in the vocabulary ("Ġthe" for " the") or an added token. */
    public OptionalInt tokenId(String token) {
        Integer id = added.id(token);
        if (id == null) {
            id = model.id(token);
        }
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The token an id stands for, as written in the vocabulary, or empty if no token has it. */
    public Optional<String> token(int id) {
        String content = added.content(id);
        return Optional.ofNullable(content != null ? content : model.token(id));
    }

    /** The added tokens, by id; bos, eos and pad are among them, marked special. */
    public List<AddedToken> addedTokens() {
        return added.tokens();
    }

    /** Whether the id is a special token (decode with skipSpecialTokens leaves it out). */
    public boolean isSpecial(int id) {
        return token(id).map(added::isSpecial).orElse(false);
    }

    /** The file this tokenizer was read from. */
    public String source() {
        return source;
    }

    TokenDecoder decoder() {
        return decoder;
    }

    /** The token to decode for an id, or null when it is skipped. */
    String decodable(int id, boolean skipSpecialTokens) {
        String token = token(id).orElse(null);
        if (token == null || (skipSpecialTokens && added.isSpecial(token))) {
            return null;
        }
        return token;
    }

    @Override
    public String toString() {
        return "Tokenizer[" + source + ", " + vocabSize() + " tokens]";
    }
}
