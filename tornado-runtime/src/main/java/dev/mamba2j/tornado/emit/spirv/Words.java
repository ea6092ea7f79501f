package dev.mamba2j.tornado.emit.spirv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growing run of 32-bit words: one section of a module, instructions appended with their word count. */
final class Words {
    private int[] data = new int[64];
    private int size;

    /** Appends one instruction: the opcode word (word count in the high half), then its operands. */
    void inst(int opcode, int... operands) {
        add((operands.length + 1) << 16 | opcode);
        for (int o : operands) add(o);
    }

    /** Appends an instruction whose operands end in a literal string (nul-terminated, padded to a word). */
    void instWithString(int opcode, int[] before, String s, int... after) {
        int[] str = string(s);
        add((1 + before.length + str.length + after.length) << 16 | opcode);
        for (int o : before) add(o);
        for (int o : str) add(o);
        for (int o : after) add(o);
    }

    static int[] string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int[] w = new int[b.length / 4 + 1];
        for (int i = 0; i < b.length; i++) w[i / 4] |= (b[i] & 0xff) << (8 * (i % 4));
        return w;
    }

    void add(int w) {
        if (size == data.length) data = Arrays.copyOf(data, size * 2);
        data[size++] = w;
    }

    void addAll(Words other) { for (int i = 0; i < other.size; i++) add(other.data[i]); }

    int size() { return size; }

    int get(int i) { return data[i]; }
}
