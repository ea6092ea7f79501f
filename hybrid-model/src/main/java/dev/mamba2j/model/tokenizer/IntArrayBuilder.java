package dev.mamba2j.model.tokenizer;

import java.util.Arrays;

/** A growable int array: token ids are collected without boxing. */
final class IntArrayBuilder {
    private int[] values = new int[16];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    void addAll(int[] more) {
        for (int v : more) {
            add(v);
        }
    }

    int size() { return size; }

    int[] toArray() { return Arrays.copyOf(values, size); }
}
