package dev.mamba2j.model.tokenizer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BPE model: splits one pre-tokenized word into vocabulary tokens. Each character starts as its
 * own token (with {@code continuing_subword_prefix} on all but the first and {@code
 * end_of_word_suffix} on the last, when set); a character missing from the vocabulary becomes the
 * unknown token when there is one (runs of them fused into one when {@code fuse_unk}) and is
 * dropped when there is none, as the library does. Merges then apply by rank.
 */
final class BpeModel {
    /** The library caches words shorter than this many bytes, up to this many words. */
    private static final int CACHE_WORD_LIMIT = 256;
    private static final int CACHE_CAPACITY = 10_000;

    private final Map<String, Integer> vocab;
    private final Map<Integer, String> tokensById;
    private final MergeTable merges;
    private final String unkToken;
    private final String prefix;
    private final String suffix;
    private final boolean fuseUnk;
    private final boolean ignoreMerges;
    private final String file;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    BpeModel(Map<String, Integer> vocab, Map<Integer, String> tokensById, MergeTable merges,
             String unkToken, String prefix, String suffix, boolean fuseUnk, boolean ignoreMerges,
             String file) {
        this.vocab = vocab;
        this.tokensById = tokensById;
        this.merges = merges;
        this.unkToken = unkToken;
        this.prefix = prefix;
        this.suffix = suffix;
        this.fuseUnk = fuseUnk;
        this.ignoreMerges = ignoreMerges;
        this.file = file;
    }

    Integer id(String token) { return vocab.get(token); }

    String token(int id) { return tokensById.get(id); }

    Map<String, Integer> vocab() { return vocab; }

    int size() { return vocab.size(); }

    void tokenize(String word, IntArrayBuilder out) {
        if (word.isEmpty()) {
            return;
        }
        if (ignoreMerges) {
            Integer whole = vocab.get(word);
            if (whole != null) {
                out.add(whole);
                return;
            }
        }
        int[] ids = cache.get(word);
        if (ids == null) {
            ids = merge(word);
            if (word.length() < CACHE_WORD_LIMIT && cache.size() < CACHE_CAPACITY) {
                cache.put(word, ids);
            }
        }
        out.addAll(ids);
    }

    private int[] merge(String word) {
        BpeWord symbols = new BpeWord(word.length());
        boolean unkPending = false;
        int unkId = -1;
        for (int i = 0; i < word.length(); ) {
            int end = i + Character.charCount(word.codePointAt(i));
            String s = word.substring(i, end);
            if (i > 0 && prefix != null) {
                s = prefix + s;
            }
            if (end == word.length() && suffix != null) {
                s = s + suffix;
            }
            i = end;
            Integer id = vocab.get(s);
            if (id != null) {
                if (unkPending) {
                    symbols.add(unkId);
                    unkPending = false;
                }
                symbols.add(id);
            } else if (unkToken != null) {
                if (unkPending && !fuseUnk) {
                    symbols.add(unkId);
                }
                unkId = unkId();
                unkPending = true;
            }
        }
        if (unkPending) {
            symbols.add(unkId);
        }
        symbols.mergeAll(merges);
        IntArrayBuilder ids = new IntArrayBuilder();
        symbols.appendTo(ids);
        return ids.toArray();
    }

    private int unkId() {
        Integer id = vocab.get(unkToken);
        if (id == null) {
            throw new TokenizerException(file + ": model.unk_token: \"" + unkToken
                    + "\" is not in model.vocab, and the text has a character the vocabulary lacks");
        }
        return id;
    }
}
