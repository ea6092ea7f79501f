package dev.mamba2j.model.weights;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The entries of a zip archive already mapped into memory, read from its central directory
 * (ZIP64 included), so that a stored entry's bytes can be used in place: java.util.zip does not say
 * where an entry's data starts, which needs the local header's own name and extra lengths. Every
 * offset is checked against the archive before use.
 */
final class ZipIndex {
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int EOCD = 0x06054b50, ZIP64_LOCATOR = 0x07064b50, ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50, LOCAL = 0x04034b50;
    private static final int STORED = 0, DEFLATED = 8;
    /** Largest entry inflated onto the heap; torch stores tensor data uncompressed, so only odd archives get here. */
    private static final long MAX_INFLATED = Integer.MAX_VALUE - 8;

    /** One entry of the central directory. */
    record Entry(String name, int method, long compressedSize, long size, long localHeader) {}

    private final String file;
    private final MemorySegment zip;
    private final Map<String, Entry> entries;

    private ZipIndex(String file, MemorySegment zip, Map<String, Entry> entries) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
    }

    Map<String, Entry> entries() { return entries; }

    /** Reads the central directory of {@code zip}. */
    static ZipIndex read(String file, MemorySegment zip) {
        long size = zip.byteSize();
        long eocd = -1;
        for (long p = size - 22; p >= Math.max(0, size - 22 - 0xffff); p--) {
            if (zip.get(U32, p) == EOCD) {
                eocd = p;
                break;
            }
        }
        if (eocd < 0) throw new WeightException(file + ": not a zip archive (no end of central directory record)");
        long count = u16(zip, eocd + 10), cdSize = u32(zip, eocd + 12), cdStart = u32(zip, eocd + 16);
        if ((count == 0xffff || cdSize == 0xffffffffL || cdStart == 0xffffffffL) && eocd >= 20 && zip.get(U32, eocd - 20) == ZIP64_LOCATOR) {
            long z64 = zip.get(U64, eocd - 20 + 8);
            if (z64 < 0 || z64 > size - 56 || zip.get(U32, z64) != ZIP64_EOCD)
                throw new WeightException(file + ": broken ZIP64 end of central directory");
            count = zip.get(U64, z64 + 32);
            cdSize = zip.get(U64, z64 + 40);
            cdStart = zip.get(U64, z64 + 48);
        }
        if (cdStart < 0 || cdSize < 0 || cdStart > size || cdSize > size - cdStart || count < 0 || count > cdSize / 46)
            throw new WeightException(file + ": central directory (" + count + " entries at " + cdStart + ") lies outside the file");
        Map<String, Entry> entries = new LinkedHashMap<>();
        long p = cdStart;
        for (long i = 0; i < count; i++) {
            need(file, cdStart + cdSize, p, 46, "central directory entry");
            if (zip.get(U32, p) != CENTRAL) throw new WeightException(file + ": corrupt central directory at byte " + p);
            int flags = u16(zip, p + 8), method = u16(zip, p + 10);
            long compressed = u32(zip, p + 20), uncompressed = u32(zip, p + 24), local = u32(zip, p + 42);
            int nameLen = u16(zip, p + 28), extraLen = u16(zip, p + 30), commentLen = u16(zip, p + 32);
            need(file, cdStart + cdSize, p + 46, (long) nameLen + extraLen + commentLen, "central directory entry");
            String name = new String(zip.asSlice(p + 46, nameLen).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            // ZIP64 extra field: the 64-bit values of whichever fields are saturated, in this order.
            long x = p + 46 + nameLen, xEnd = x + extraLen;
            while (x + 4 <= xEnd) {
                int id = u16(zip, x), len = u16(zip, x + 2);
                if (x + 4 + len > xEnd) break;
                if (id == 1) {
                    long q = x + 4, qEnd = q + len;
                    if (uncompressed == 0xffffffffL && q + 8 <= qEnd) { uncompressed = zip.get(U64, q); q += 8; }
                    if (compressed == 0xffffffffL && q + 8 <= qEnd) { compressed = zip.get(U64, q); q += 8; }
                    if (local == 0xffffffffL && q + 8 <= qEnd) local = zip.get(U64, q);
                }
                x += 4 + len;
            }
            if ((flags & 1) != 0) throw new WeightException(file + ": entry " + name + " is encrypted");
            if (compressed < 0 || uncompressed < 0 || local < 0 || local > size)
                throw new WeightException(file + ": entry " + name + " has sizes or an offset outside the file");
            if (entries.put(name, new Entry(name, method, compressed, uncompressed, local)) != null)
                throw new WeightException(file + ": entry " + name + " appears twice");
            p += 46 + nameLen + extraLen + commentLen;
        }
        return new ZipIndex(file, zip, entries);
    }

    /**
     * The bytes of {@code e}: a view of the archive if stored, else inflated into {@code arena}.
     */
    MemorySegment data(Entry e, Arena arena) {
        long h = e.localHeader();
        need(file, zip.byteSize(), h, 30, "local header of " + e.name());
        if (zip.get(U32, h) != LOCAL) throw new WeightException(file + ": entry " + e.name() + " has no local header at byte " + h);
        long start = h + 30 + u16(zip, h + 26) + u16(zip, h + 28);
        need(file, zip.byteSize(), start, e.compressedSize(), "data of " + e.name());
        MemorySegment raw = zip.asSlice(start, e.compressedSize());
        return switch (e.method()) {
            case STORED -> {
                if (e.size() != e.compressedSize()) throw new WeightException(file + ": stored entry " + e.name() + " has two different sizes");
                yield raw;
            }
            case DEFLATED -> inflate(e, raw, arena);
            default -> throw new WeightException(file + ": entry " + e.name() + " uses compression method " + e.method() + ", not stored or deflate");
        };
    }

    private MemorySegment inflate(Entry e, MemorySegment raw, Arena arena) {
        // Deflate cannot shrink data more than about 1032:1, so a larger claim is corrupt, and no
        // memory is reserved for it.
        if (e.size() > MAX_INFLATED || e.size() > e.compressedSize() * 1032 + 1024)
            throw new WeightException(file + ": compressed entry " + e.name() + " claims " + e.size() + " bytes from " + e.compressedSize());
        byte[] out;
        try {
            out = new byte[(int) e.size()];
        } catch (OutOfMemoryError oom) {
            throw new WeightException(file + ": compressed entry " + e.name() + " (" + e.size() + " bytes) does not fit in memory");
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(raw.asByteBuffer());
            int n = 0;
            while (n < out.length) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) break;
                n += got;
            }
            if (n != out.length) throw new WeightException(file + ": compressed entry " + e.name() + " inflates to " + n + " bytes, not " + out.length);
        } catch (DataFormatException ex) {
            throw new WeightException(file + ": compressed entry " + e.name() + " is corrupt: " + ex.getMessage(), ex);
        } finally {
            inflater.end();
        }
        MemorySegment seg = arena.allocate(Math.max(1, out.length), 64).asSlice(0, out.length);
        MemorySegment.copy(out, 0, seg, ValueLayout.JAVA_BYTE, 0, out.length);
        return seg;
    }

    private static void need(String file, long limit, long at, long length, String what) {
        if (at < 0 || length < 0 || at > limit || length > limit - at)
            throw new WeightException(file + ": " + what + " runs past the end of the file (truncated?)");
    }

    private static int u16(MemorySegment s, long at) { return Short.toUnsignedInt(s.get(U16, at)); }

    private static long u32(MemorySegment s, long at) { return Integer.toUnsignedLong(s.get(U32, at)); }
}
