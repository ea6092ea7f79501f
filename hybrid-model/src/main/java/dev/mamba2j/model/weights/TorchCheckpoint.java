package dev.mamba2j.model.weights;

import dev.mamba2j.model.weights.TorchPickle.StorageRef;
import dev.mamba2j.model.weights.TorchPickle.TensorRef;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A state dict saved by {@code torch.save} (torch 1.6 or later): a zip archive holding
 * {@code <archive>/data.pkl}, the pickled dict whose tensors point at storages, and one entry
 * {@code <archive>/data/<key>} of raw little-endian bytes per storage, which torch stores
 * uncompressed and aligned, so they are used in place from the mapped file.
 *
 * <p>Accepted: a dict of tensors (the state dict), or a dict holding one under {@code "state_dict"},
 * {@code "model"} or {@code "module"}. Tensors must be contiguous (row-major); several may share a
 * storage at different offsets.
 */
public final class TorchCheckpoint extends MappedFile {
    private static final List<String> NESTED_KEYS = List.of("state_dict", "model", "module");


    private TorchCheckpoint(String source, Arena arena, Map<String, Tensor> tensors) {
        super(source, arena, tensors);
    }

    /**
     * Maps {@code file} and reads its state dict.
     *
     * @throws WeightException naming the file, and the tensor or global where one is at fault
     */
    public static TorchCheckpoint open(Path file) {
        String name = file.toString();
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            if (all.byteSize() >= 2 && all.get(ValueLayout.JAVA_BYTE, 0) == (byte) 0x80)
                throw new WeightException(name + ": a torch.save file from before torch 1.6 (not a zip archive); re-save it with a newer torch");
            ZipIndex zip = ZipIndex.read(name, all);
            String prefix = archivePrefix(name, zip);
            ZipIndex.Entry order = zip.entries().get(prefix + "byteorder");
            if (order != null) {
                String bo = new String(zip.data(order, arena).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII).strip();
                if (!bo.equals("little")) throw new WeightException(name + ": tensors are stored " + bo + "-endian; only little-endian is read");
            }
            MemorySegment pkl = zip.data(zip.entries().get(prefix + "data.pkl"), arena);
            if (pkl.byteSize() > Integer.MAX_VALUE - 8) throw new WeightException(name + ": data.pkl is too large");
            Object root = TorchPickle.load(name, pkl.toArray(ValueLayout.JAVA_BYTE));
            Map<?, ?> stateDict = findStateDict(name, root, 0);
            Map<String, MemorySegment> storages = new HashMap<>();
            Map<String, Tensor> tensors = new TreeMap<>();
            for (Map.Entry<?, ?> e : stateDict.entrySet()) {
                if (!(e.getKey() instanceof String key)) throw new WeightException(name + ": state dict has a non-string key " + e.getKey());
                if (!(e.getValue() instanceof TensorRef ref))
                    throw new WeightException(name + ": entry " + key + " is a " + TorchPickle.typeName(e.getValue()) + ", not a tensor");
                tensors.put(key, tensor(name, key, ref, storage(name, zip, prefix, ref.storage(), storages, arena)));
            }
            return new TorchCheckpoint(name, arena, tensors);
        } catch (IOException e) {
            arena.close();
            throw new WeightException(name + ": cannot read: " + e, e);
        } catch (RuntimeException e) {
            arena.close();
            throw e instanceof WeightException ? e : new WeightException(name + ": " + e, e);
        }
    }

    /** The one top-level folder holding data.pkl (torch names it after the file it saved to). */
    private static String archivePrefix(String file, ZipIndex zip) {
        List<String> pkls = zip.entries().keySet().stream()
                .filter(n -> n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()).toList();
        if (pkls.size() != 1)
            throw new WeightException(file + ": not a torch.save archive: expected one <archive>/data.pkl entry, found " + pkls.size());
        return pkls.getFirst().substring(0, pkls.getFirst().length() - "data.pkl".length());
    }

    private static Map<?, ?> findStateDict(String file, Object o, int depth) {
        if (o instanceof Map<?, ?> m) {
            if (m.values().stream().anyMatch(v -> v instanceof TensorRef)) return m;
            if (depth < 2) for (String k : NESTED_KEYS) if (m.get(k) instanceof Map<?, ?>) return findStateDict(file, m.get(k), depth + 1);
            if (m.isEmpty()) return m;
        }
        throw new WeightException(file + ": expected a state dict (a dict of tensors) or a dict holding one under "
                + String.join(", ", NESTED_KEYS) + "; found a " + TorchPickle.typeName(o) + " without tensors");
    }

    private static MemorySegment storage(String file, ZipIndex zip, String prefix, StorageRef s, Map<String, MemorySegment> cache, Arena arena) {
        MemorySegment seg = cache.get(s.key());
        if (seg != null) return seg;
        ZipIndex.Entry e = zip.entries().get(prefix + "data/" + s.key());
        if (e == null) throw new WeightException(file + ": storage " + s.key() + " has no entry " + prefix + "data/" + s.key());
        seg = zip.data(e, arena);
        long need;
        try {
            need = Math.multiplyExact(s.numel(), s.dtype().byteSize());
        } catch (ArithmeticException ex) {
            throw new WeightException(file + ": storage " + s.key() + " claims " + s.numel() + " elements");
        }
        if (s.numel() < 0 || seg.byteSize() < need)
            throw new WeightException(file + ": storage " + s.key() + " holds " + seg.byteSize() + " bytes, but " + s.numel() + " elements of " + s.dtype() + " need " + need);
        cache.put(s.key(), seg);
        return seg;
    }

    private static Tensor tensor(String file, String name, TensorRef t, MemorySegment storage) {
        String at = file + ": tensor " + name + " ";
        long numel;
        try {
            for (long d : t.size()) if (d < 0) throw new ArithmeticException();
            numel = Tensor.numel(t.size());
        } catch (ArithmeticException e) {
            throw new WeightException(at + "has a bad shape " + Arrays.toString(t.size()));
        }
        if (numel > 0 && !isContiguous(t.size(), t.stride()))
            throw new WeightException(at + "is not contiguous (shape " + Arrays.toString(t.size()) + ", stride " + Arrays.toString(t.stride())
                    + "); save it after .contiguous()");
        StorageRef s = t.storage();
        if (t.offset() < 0 || t.offset() > s.numel() || numel > s.numel() - t.offset())
            throw new WeightException(at + "needs elements [" + t.offset() + ", " + t.offset() + " + " + numel + ") of storage " + s.key()
                    + ", which has " + s.numel());
        int size = s.dtype().byteSize();
        return new Tensor(file, name, s.dtype(), t.size(), storage.asSlice(t.offset() * size, numel * size));
    }

    /** Row-major: each dimension's stride is the product of the sizes after it (size-1 dimensions may have any). */
    private static boolean isContiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) return false;
            expected *= size[i];
        }
        return true;
    }

}
