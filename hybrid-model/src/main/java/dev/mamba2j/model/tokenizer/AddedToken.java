package dev.mamba2j.model.tokenizer;

/**
 * One entry of tokenizer.json's {@code added_tokens}: a token matched in the raw (or normalized)
 * text before pre-tokenization, never split by BPE. Special tokens (bos, eos, pad, ...) are the
 * ones {@code decode(ids, true)} leaves out.
 *
 * @param id the id encode produces for it
 * @param content its text
 * @param special whether it is a special token
 * @param singleWord matched only when not inside a word
 * @param lstrip the match takes the whitespace on its left
 * @param rstrip the match takes the whitespace on its right
 * @param normalized matched against the normalized text rather than the raw text
 */
public record AddedToken(int id, String content, boolean special, boolean singleWord,
                         boolean lstrip, boolean rstrip, boolean normalized) {
}
