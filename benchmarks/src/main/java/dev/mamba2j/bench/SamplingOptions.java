package dev.mamba2j.bench;

import dev.mamba2j.model.layers.Sampler;
import picocli.CommandLine.Option;

/** How tokens are chosen: greedy at temperature 0, else sampled with top-k and top-p from a seeded generator. */
final class SamplingOptions {
    @Option(names = {"-t", "--temperature"}, defaultValue = "0.8", description = "0 is greedy (default: ${DEFAULT-VALUE})")
    float temperature;
    @Option(names = "--top-k", defaultValue = "40", description = "keep the k most likely tokens, 0 keeps all (default: ${DEFAULT-VALUE})")
    int topK;
    @Option(names = "--top-p", defaultValue = "0.95", description = "keep the most likely tokens up to this mass, 1 keeps all (default: ${DEFAULT-VALUE})")
    float topP;
    @Option(names = "--seed", defaultValue = "1", description = "seed of the sampling's random numbers (default: ${DEFAULT-VALUE})")
    long seed;

    Sampler sampler() { return new Sampler(temperature, topK, topP, seed); }
}
