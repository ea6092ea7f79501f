package dev.mamba2j.bench;

import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.tokenizer.Tokenizer;

/** Text to prompt tokens, and the token that ends generation. */
final class Prompts {
    private Prompts() {}

    /** The prompt's tokens; an empty prompt starts from the beginning-of-text token. */
    static int[] encode(Tokenizer tok, ModelConfig config, String text) {
        int[] ids = tok.encode(text);
        if (ids.length > 0) return ids;
        int bos = config.bosTokenId().orElse(config.eosTokenId().orElse(-1));
        if (bos < 0) throw new IllegalArgumentException("the prompt is empty and the model's config names no bos or eos token to start from");
        return new int[] {bos};
    }

    static int endToken(ModelConfig config) { return config.eosTokenId().orElse(-1); }
}
