package dev.mamba2j.tornado.driver.vulkan;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A C struct laid out as an LP64 compiler does (each member at its natural alignment), built from
 * the member list of vulkan_core.h, so that the bindings name members instead of counting bytes.
 * Members are "u32" (uint32_t, VkBool32, enums and flags), "u64" (VkDeviceSize, non-dispatchable
 * handles) or "ptr" (pointers, size_t and dispatchable handles).
 */
final class CStruct {
    private final Map<String, Long> offsets = new LinkedHashMap<>();
    private final Map<String, ValueLayout> types = new LinkedHashMap<>();
    private final long size, alignment;

    private CStruct(String... members) {
        long at = 0, align = 1;
        for (String m : members) {
            String[] kn = m.split(" ");
            ValueLayout l = switch (kn[0]) { case "u32" -> JAVA_INT; case "u64" -> JAVA_LONG; case "ptr" -> ADDRESS;
                default -> throw new IllegalArgumentException(m); };
            at = (at + l.byteAlignment() - 1) / l.byteAlignment() * l.byteAlignment();
            offsets.put(kn[1], at);
            types.put(kn[1], l);
            at += l.byteSize();
            align = Math.max(align, l.byteAlignment());
        }
        alignment = align;
        size = (at + align - 1) / align * align;
    }

    /** A struct of these members, each "type name". */
    static CStruct of(String... members) { return new CStruct(members); }

    /** A struct whose first two members are sType and pNext, then these. */
    static CStruct typed(String... members) {
        List<String> all = new ArrayList<>(List.of("u32 sType", "ptr pNext"));
        all.addAll(List.of(members));
        return new CStruct(all.toArray(String[]::new));
    }

    long size() { return size; }

    /** A zeroed instance in arena (count of them, contiguous). */
    MemorySegment allocate(Arena arena, int count) { return arena.allocate(size * count, alignment); }

    MemorySegment allocate(Arena arena) { return allocate(arena, 1); }

    /** A zeroed instance with its sType set. */
    MemorySegment allocate(Arena arena, int sType, int count) {
        MemorySegment s = allocate(arena, count);
        for (int i = 0; i < count; i++) s.set(JAVA_INT, i * size, sType);
        return s;
    }

    long offset(String member) {
        Long o = offsets.get(member);
        if (o == null) throw new IllegalArgumentException("no member " + member);
        return o;
    }

    /** Sets member of the index-th struct in s to v (an Integer, Long or MemorySegment as the member's type). */
    CStruct set(MemorySegment s, int index, String member, Object v) {
        long at = index * size + offset(member);
        switch (types.get(member)) {
            case ValueLayout.OfInt i -> s.set(JAVA_INT, at, ((Number) v).intValue());
            case ValueLayout.OfLong l -> s.set(JAVA_LONG, at, ((Number) v).longValue());
            case java.lang.foreign.AddressLayout a -> s.set(ADDRESS, at, v instanceof Number n ? MemorySegment.ofAddress(n.longValue()) : (MemorySegment) v);
            default -> throw new IllegalStateException();
        }
        return this;
    }

    CStruct set(MemorySegment s, String member, Object v) { return set(s, 0, member, v); }

    /** A u32 member of the index-th struct in s. */
    int get(MemorySegment s, int index, String member) { return s.get(JAVA_INT, index * size + offset(member)); }

    int get(MemorySegment s, String member) { return get(s, 0, member); }
}
