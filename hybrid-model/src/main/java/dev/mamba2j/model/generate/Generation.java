package dev.mamba2j.model.generate;

/**
 * What one generation produced and how long it took.
 *
 * @param tokens      per sequence, the generated tokens (the prompt excluded; an end token included)
 * @param setupNanos  plan creation: device buffers, every kernel built, the weights' upload, a warm-up if asked
 * @param prefillNanos host wall time of the prompts' forward up to the first tokens (time to first token)
 * @param decodeNanos host wall time of all decoding steps
 * @param steps       decoding steps run (each produces one token per sequence still running)
 * @param promptTokens tokens in all prompts
 */
public record Generation(int[][] tokens, long setupNanos, long prefillNanos, long decodeNanos, int steps, int promptTokens) {
    /** Prompt tokens per second of the prefill. */
    public double prefillTokensPerSecond() { return promptTokens / (prefillNanos / 1e9); }

    /** Generated tokens per second over the decoding steps, counting every sequence of the batch. */
    public double decodeTokensPerSecond() { return steps == 0 ? Double.NaN : (double) steps * tokens.length / (decodeNanos / 1e9); }

    public double timeToFirstTokenMs() { return prefillNanos / 1e6; }
}
