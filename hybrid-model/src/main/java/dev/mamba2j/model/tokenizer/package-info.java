/**
 * Hugging Face {@code tokenizer.json} tokenizers of the byte-level BPE kind (GPT-2, GPT-NeoX as the
 * state-spaces Mamba models use, Llama-3 style Split + ByteLevel), entry point {@link
 * dev.mamba2j.model.tokenizer.Tokenizer}. Encoding follows the {@code tokenizers} library step by
 * step (added tokens, normalizer, pre-tokenizer, BPE merges by rank, post-processor); options it
 * does not implement are refused at load with the field's path, never approximated. Against the
 * Rust library (through DJL, in a scratch comparison not kept here), encode, decode and streamed
 * decode agreed on 8,000 random texts each for GPT-2, Llama-3 and Qwen3 tokenizer.json files. Known
 * limits: Java's Unicode tables (16.0 in JDK 25) are newer than Oniguruma's, so characters assigned
 * since may split differently; a lone surrogate, which Python refuses, is encoded as '?'.
 *
 * <p>Why our own code and not DJL's wrapper of the Rust library ({@code
 * ai.djl.huggingface:tokenizers:0.38.0}, measured here): it does work offline (under {@code
 * unshare -n} it extracts its bundled {@code libtokenizers.so}, tokenizers-rs 0.21.0, into {@code
 * ~/.djl.ai/tokenizers/} or {@code DJL_CACHE_DIR} and loads in 180-370 ms, also from a fat jar), and
 * its ids matched every hand-derived case of our tests; but it weighs 23.4 MB with its dependencies
 * (18.1 MB for the jar alone) against a 64 MiB runtime bundle, runs native code through JNI that can
 * take the JVM down with it, probes CUDA at load from the same process as our own driver, writes to
 * the home directory at run time and truncates to 512 tokens unless told otherwise.
 */
package dev.mamba2j.model.tokenizer;
