package dev.mamba2j.model.tokenizer;

/** A stretch {@code [start, end)} of a string, and whether the splitting pattern matched it. */
record Span(int start, int end, boolean match) {
}
