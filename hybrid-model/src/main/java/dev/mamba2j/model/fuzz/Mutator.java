package dev.mamba2j.model.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Mutations of model files: byte-level ones anywhere (truncation, bit flips, interesting integers
 * written over 1, 2, 4 or 8 bytes, spans deleted or repeated), with positions drawn mostly from the
 * file's structural bytes (its hot regions: a safetensors header, a zip's directory and data.pkl),
 * and structural ones that keep a file parseable as JSON but change one value (a field removed,
 * a size made huge or negative, a string where a number belongs, a safetensors tensor's offsets
 * set to another tensor's, its dtype swapped).
 */
final class Mutator {
    private static final JsonMapper JSON = new JsonMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Integers that find size and offset bugs: around zero, the int and long limits, powers of two. */
    static final long[] INTERESTING = {0, 1, -1, 2, 7, 8, 255, 256, 65535, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE,
            1L << 31, (1L << 32) - 1, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, 1L << 62, -2, -8, 100_000_000};
    private static final String[] DTYPES = {"F32", "BF16", "F16", "F64", "I64", "I32", "I8", "U8", "BOOL", "F8_E4M3", "f32", "", "Q4_K"};

    private final SplittableRandom rnd;

    Mutator(SplittableRandom rnd) { this.rnd = rnd; }

    /** One mutant of {@code seed}; {@code what} receives a short description of the mutation. */
    byte[] mutate(Seed seed, StringBuilder what) {
        int kind = rnd.nextInt(10);
        if (seed.format() == Seed.Format.SAFETENSORS && kind < 5) return safetensorsHeader(seed.bytes(), what);
        if ((seed.format() == Seed.Format.CONFIG || seed.format() == Seed.Format.TOKENIZER) && kind < 6) return json(seed.bytes(), what);
        if (seed.format() == Seed.Format.TORCH && kind < 3) return pickleInteger(seed, what);
        int rounds = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(4) : 0);
        byte[] b = seed.bytes();
        for (int i = 0; i < rounds; i++) b = bytes(b, seed.hot(), what);
        return b;
    }

    // ---- byte level ----

    private byte[] bytes(byte[] in, List<long[]> hot, StringBuilder what) {
        if (in.length == 0) return new byte[] {(byte) rnd.nextInt(256)};
        int at = position(in.length, hot);
        switch (rnd.nextInt(7)) {
            case 0 -> {
                int len = rnd.nextInt(4) == 0 ? rnd.nextInt(in.length) : Math.min(at, in.length - 1);
                what.append("truncate to ").append(len).append("; ");
                return Arrays.copyOf(in, len);
            }
            case 1 -> {
                byte[] b = in.clone();
                int bit = rnd.nextInt(8);
                b[at] ^= (byte) (1 << bit);
                what.append("flip bit ").append(bit).append(" at ").append(at).append("; ");
                return b;
            }
            case 2, 3 -> {
                byte[] b = in.clone();
                int width = new int[] {1, 2, 4, 8}[rnd.nextInt(4)];
                long v = INTERESTING[rnd.nextInt(INTERESTING.length)];
                ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                int p = Math.min(at, Math.max(0, b.length - width));
                for (int i = 0; i < width && p + i < b.length; i++) b[p + i] = (byte) (v >>> (8 * i));
                what.append("write ").append(v).append(" as ").append(width).append(" bytes at ").append(p).append("; ");
                return buf.array();
            }
            case 4 -> {
                byte[] b = in.clone();
                b[at] = (byte) new int[] {0, 0xff, 0x7f, 0x80, '"', '{', '}', '[', ']', ',', ':', '-', '9', '\\', 0xc3}[rnd.nextInt(15)];
                what.append("set byte ").append(at).append(" to ").append(b[at] & 0xff).append("; ");
                return b;
            }
            case 5 -> {
                int len = 1 + rnd.nextInt(Math.min(64, in.length - at));
                what.append("delete ").append(len).append(" bytes at ").append(at).append("; ");
                byte[] b = new byte[in.length - len];
                System.arraycopy(in, 0, b, 0, at);
                System.arraycopy(in, at + len, b, at, in.length - at - len);
                return b;
            }
            default -> {
                int len = 1 + rnd.nextInt(Math.min(64, in.length - at));
                what.append("repeat ").append(len).append(" bytes at ").append(at).append("; ");
                byte[] b = new byte[in.length + len];
                System.arraycopy(in, 0, b, 0, at + len);
                System.arraycopy(in, at, b, at + len, in.length - at);
                return b;
            }
        }
    }

    /** A position, four times in five inside a hot region where the file has any. */
    private int position(int length, List<long[]> hot) {
        if (!hot.isEmpty() && rnd.nextInt(5) != 0) {
            long[] r = hot.get(rnd.nextInt(hot.size()));
            long end = Math.min(r[1], length);
            if (end > r[0]) return (int) (r[0] + rnd.nextLong(end - r[0]));
        }
        return rnd.nextInt(length);
    }

    // ---- torch.save: the integers of data.pkl (sizes, strides, offsets, storage sizes) ----

    /** Writes an interesting value over the operand of a BININT1 ('K'), BININT2 ('M') or BININT ('J') opcode of data.pkl. */
    private byte[] pickleInteger(Seed seed, StringBuilder what) {
        byte[] b = seed.bytes().clone();
        long[] pkl = seed.hot().isEmpty() ? new long[] {0, b.length} : seed.hot().getLast();
        List<Integer> ops = new ArrayList<>();
        for (int i = (int) pkl[0]; i < pkl[1] - 1 && i < b.length - 1; i++) if (b[i] == 'K' || b[i] == 'M' || b[i] == 'J') ops.add(i);
        if (ops.isEmpty()) return bytes(b, seed.hot(), what);
        int at = ops.get(rnd.nextInt(ops.size()));
        int width = b[at] == 'K' ? 1 : b[at] == 'M' ? 2 : 4;
        long v = INTERESTING[rnd.nextInt(INTERESTING.length)];
        for (int i = 0; i < width && at + 1 + i < b.length; i++) b[at + 1 + i] = (byte) (v >>> (8 * i));
        what.append("pickle integer at ").append(at).append(" (").append((char) b[at]).append(") := ").append(v).append("; ");
        return b;
    }

    // ---- JSON ----

    private byte[] json(byte[] in, StringBuilder what) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            return bytes(in, List.of(), what);
        }
        mutateTree(root, what);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value in the tree replaced, removed or duplicated. */
    private void mutateTree(JsonNode root, StringBuilder what) {
        List<Object[]> slots = new ArrayList<>(); // {parent, key or index, path}
        collect(root, "", slots);
        if (slots.isEmpty()) return;
        // Sizes and ids are where loaders go wrong: half the time a number is the one changed.
        List<Object[]> numbers = slots.stream().filter(x -> value(x) != null && value(x).isNumber()).toList();
        Object[] s = !numbers.isEmpty() && rnd.nextBoolean() ? numbers.get(rnd.nextInt(numbers.size())) : slots.get(rnd.nextInt(slots.size()));
        JsonNode parent = (JsonNode) s[0];
        String path = (String) s[2];
        int op = rnd.nextInt(10);
        if (op == 0) {
            what.append("remove ").append(path).append("; ");
            if (parent instanceof ObjectNode o) o.remove((String) s[1]);
            else ((ArrayNode) parent).remove((Integer) s[1]);
            return;
        }
        if (op == 1 && parent instanceof ArrayNode a) {
            what.append("repeat ").append(path).append("; ");
            a.insert((Integer) s[1], a.get((Integer) s[1]).deepCopy());
            return;
        }
        if (op == 2) {
            Object[] o = slots.get(rnd.nextInt(slots.size()));
            JsonNode value = value(o);
            if (value != null) {
                what.append("set ").append(path).append(" := value of ").append(o[2]).append("; ");
                set(parent, s[1], value.deepCopy());
                return;
            }
        }
        JsonNode v = interestingValue();
        what.append("set ").append(path).append(" := ").append(abbreviate(v.toString())).append("; ");
        set(parent, s[1], v);
    }

    private static JsonNode value(Object[] slot) {
        return slot[0] instanceof ObjectNode on ? on.get((String) slot[1]) : ((ArrayNode) slot[0]).get((Integer) slot[1]);
    }

    private static void set(JsonNode parent, Object key, JsonNode v) {
        if (parent instanceof ObjectNode o) o.set((String) key, v);
        else ((ArrayNode) parent).set((Integer) key, v);
    }

    private void collect(JsonNode n, String path, List<Object[]> out) {
        if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(new Object[] {o, e.getKey(), p});
                collect(e.getValue(), p, out);
            }
        } else if (n instanceof ArrayNode a) {
            // Long arrays (a vocabulary, merges) are sampled, not listed whole.
            int step = Math.max(1, a.size() / 16);
            for (int i = 0; i < a.size(); i += step) {
                out.add(new Object[] {a, i, path + "[" + i + "]"});
                collect(a.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private JsonNode interestingValue() {
        return switch (rnd.nextInt(16)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(rnd.nextBoolean());
            case 2 -> F.textNode(new String[] {"", "x", "NaN", "Infinity", "-1", "\u0000", "\uD800", "<unk>"}[rnd.nextInt(8)]);
            case 3, 4, 5 -> F.numberNode(INTERESTING[rnd.nextInt(INTERESTING.length)]);
            case 6 -> F.numberNode(new BigInteger("123456789012345678901234567890"));
            case 7 -> F.numberNode(new double[] {1.5, -0.0, 1e308, -1e-300, 0.5, 2.0, Double.MIN_VALUE}[rnd.nextInt(7)]);
            case 8 -> F.arrayNode();
            case 9 -> F.objectNode();
            case 10 -> F.arrayNode().add(-1).add(-1);
            case 11 -> F.arrayNode().add(1L << 40).add(3);
            case 12 -> F.textNode("a".repeat(1 + rnd.nextInt(5000)));
            case 13 -> F.arrayNode().add(F.arrayNode()).add("a b");
            case 14 -> F.numberNode(rnd.nextInt(1000));
            default -> F.numberNode(-rnd.nextInt(1000));
        };
    }

    // ---- safetensors ----

    /** The header's JSON changed (structurally, or bytes of it), written back with its new length; or the length field itself changed. */
    private byte[] safetensorsHeader(byte[] in, StringBuilder what) {
        ByteBuffer buf = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
        long len = buf.getLong(0);
        byte[] header = Arrays.copyOfRange(in, 8, (int) (8 + len));
        byte[] data = Arrays.copyOfRange(in, (int) (8 + len), in.length);
        int op = rnd.nextInt(10);
        if (op == 0) {
            long v = rnd.nextBoolean() ? INTERESTING[rnd.nextInt(INTERESTING.length)] : len + rnd.nextInt(17) - 8;
            what.append("header length := ").append(v).append("; ");
            byte[] b = in.clone();
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, v);
            return b;
        }
        byte[] newHeader;
        if (op <= 3) {
            newHeader = bytes(header, List.of(), what);
        } else {
            try {
                JsonNode root = JSON.readTree(header);
                if (op <= 6) tensorEntry((ObjectNode) root, what);
                else mutateTree(root, what);
                newHeader = JSON.writeValueAsBytes(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (rnd.nextInt(8) == 0) {
            int cut = rnd.nextInt(data.length + 1);
            what.append("data cut to ").append(cut).append("; ");
            data = Arrays.copyOf(data, cut);
        }
        ByteBuffer out = ByteBuffer.allocate(8 + newHeader.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(newHeader.length).put(newHeader).put(data);
        return out.array();
    }

    /** One tensor entry's dtype, shape or offsets changed in a way a real writer's bug would. */
    private void tensorEntry(ObjectNode root, StringBuilder what) {
        List<String> names = new ArrayList<>();
        root.fieldNames().forEachRemaining(n -> { if (!n.equals("__metadata__")) names.add(n); });
        if (names.isEmpty()) return;
        String name = names.get(rnd.nextInt(names.size()));
        JsonNode e = root.get(name);
        if (!(e instanceof ObjectNode entry)) return;
        switch (rnd.nextInt(6)) {
            case 0 -> {
                String d = DTYPES[rnd.nextInt(DTYPES.length)];
                what.append(name).append(".dtype := ").append(d).append("; ");
                entry.put("dtype", d);
            }
            case 1 -> {
                String other = names.get(rnd.nextInt(names.size()));
                what.append(name).append(".data_offsets := those of ").append(other).append("; ");
                entry.set("data_offsets", root.get(other).get("data_offsets").deepCopy());
            }
            case 2 -> {
                ArrayNode off = entry.withArray("data_offsets");
                if (off.size() == 2) {
                    long shift = rnd.nextBoolean() ? rnd.nextInt(9) - 4 : INTERESTING[rnd.nextInt(INTERESTING.length)];
                    int i = rnd.nextInt(2);
                    what.append(name).append(".data_offsets[").append(i).append("] += ").append(shift).append("; ");
                    off.set(i, F.numberNode(off.get(i).asLong() + shift));
                }
            }
            case 3 -> {
                ArrayNode shape = F.arrayNode();
                int rank = rnd.nextInt(4);
                for (int i = 0; i < rank; i++) shape.add(rnd.nextBoolean() ? INTERESTING[rnd.nextInt(INTERESTING.length)] : rnd.nextInt(40));
                what.append(name).append(".shape := ").append(shape).append("; ");
                entry.set("shape", shape);
            }
            case 4 -> {
                ArrayNode shape = entry.withArray("shape");
                if (shape.size() > 0) {
                    int i = rnd.nextInt(shape.size());
                    long v = INTERESTING[rnd.nextInt(INTERESTING.length)];
                    what.append(name).append(".shape[").append(i).append("] := ").append(v).append("; ");
                    shape.set(i, F.numberNode(v));
                }
            }
            default -> {
                String field = new String[] {"dtype", "shape", "data_offsets"}[rnd.nextInt(3)];
                what.append("remove ").append(name).append('.').append(field).append("; ");
                entry.remove(field);
            }
        }
    }

    private static String abbreviate(String s) {
        s = s.replace('\n', ' ');
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    static String utf8(byte[] b) { return new String(b, StandardCharsets.UTF_8); }
}
