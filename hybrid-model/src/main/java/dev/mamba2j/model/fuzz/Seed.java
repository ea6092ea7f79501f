package dev.mamba2j.model.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A valid model file that mutants are made from, with the files it is loaded beside (a weights
 * file's config.json, a config's weights), and its hot regions: the byte ranges that hold its
 * structure rather than tensor data.
 *
 * @param name       the seed as reports name it (its path)
 * @param format     what the file is
 * @param bytes      its content
 * @param companions file name in the model folder to content, written next to each mutant
 * @param hot        [start, end) byte ranges worth mutating most
 */
public record Seed(String name, Format format, byte[] bytes, Map<String, byte[]> companions, List<long[]> hot) {

    /** The kinds of file the fuzzer mutates, each with the name it has in a model folder. */
    public enum Format {
        SAFETENSORS("model.safetensors"), TORCH("pytorch_model.bin"), CONFIG("config.json"), TOKENIZER("tokenizer.json");

        final String fileName;

        Format(String fileName) { this.fileName = fileName; }
    }

    public Seed {
        companions = Map.copyOf(companions);
        hot = List.copyOf(hot);
    }

    /** The seed of one file of {@code format}; its companions are the model folder's other files the format needs. */
    public static Seed of(Path file, Format format) {
        Path dir = file.toAbsolutePath().getParent();
        Map<String, byte[]> companions = new LinkedHashMap<>();
        switch (format) {
            case SAFETENSORS, TORCH -> { if (Files.isRegularFile(dir.resolve("config.json"))) companions.put("config.json", read(dir.resolve("config.json"))); }
            case CONFIG -> {
                for (Format f : List.of(Format.SAFETENSORS, Format.TORCH))
                    if (Files.isRegularFile(dir.resolve(f.fileName))) {
                        companions.put(f.fileName, read(dir.resolve(f.fileName)));
                        break;
                    }
            }
            case TOKENIZER -> { }
        }
        byte[] bytes = read(file);
        return new Seed(file.toString(), format, bytes, companions, hotRegions(format, bytes));
    }

    /**
     * Every seed under {@code roots}: model.safetensors and pytorch_model.bin files (with their folder's
     * config.json), other {@code .bin} archives, config.json files, and tokenizer.json files (also JSON
     * files in a folder named {@code tokenizer*} that are not golden outputs).
     */
    public static List<Seed> find(Path... roots) {
        List<Seed> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    String n = p.getFileName().toString(), parent = p.getParent().getFileName().toString();
                    if (n.equals("model.safetensors")) out.add(of(p, Format.SAFETENSORS));
                    else if (n.endsWith(".bin")) out.add(of(p, Format.TORCH));
                    else if (n.equals("config.json")) out.add(of(p, Format.CONFIG));
                    else if (n.equals("tokenizer.json") || (parent.startsWith("tokenizer") && n.endsWith(".json") && !n.endsWith(".golden.json")))
                        out.add(of(p, Format.TOKENIZER));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A safetensors file's length field and header; a zip's central directory, local headers and data.pkl (last). */
    private static List<long[]> hotRegions(Format format, byte[] b) {
        List<long[]> hot = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (format == Format.SAFETENSORS && b.length >= 8) {
            hot.add(new long[] {0, Math.min(b.length, 8 + buf.getLong(0))});
        } else if (format == Format.TORCH) {
            int eocd = -1;
            for (int p = b.length - 22; p >= 0 && eocd < 0; p--) if (buf.getInt(p) == 0x06054b50) eocd = p;
            if (eocd < 0) return hot;
            hot.add(new long[] {eocd, b.length});
            int count = Short.toUnsignedInt(buf.getShort(eocd + 10));
            long cd = Integer.toUnsignedLong(buf.getInt(eocd + 16));
            hot.add(new long[] {cd, eocd});
            long[] pkl = null;
            int p = (int) cd;
            for (int i = 0; i < count && p + 46 <= b.length; i++) {
                int nameLen = Short.toUnsignedInt(buf.getShort(p + 28));
                int extra = Short.toUnsignedInt(buf.getShort(p + 30)), comment = Short.toUnsignedInt(buf.getShort(p + 32));
                String name = new String(b, p + 46, nameLen, java.nio.charset.StandardCharsets.UTF_8);
                int local = buf.getInt(p + 42);
                if (local >= 0 && local + 30 <= b.length) {
                    int start = local + 30 + Short.toUnsignedInt(buf.getShort(local + 26)) + Short.toUnsignedInt(buf.getShort(local + 28));
                    hot.add(new long[] {local, start});
                    if (name.endsWith("/data.pkl")) pkl = new long[] {start, start + Integer.toUnsignedLong(buf.getInt(p + 20))};
                }
                p += 46 + nameLen + extra + comment;
            }
            if (pkl != null) hot.add(pkl);
        }
        return hot;
    }
}
