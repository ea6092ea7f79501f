package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.arrays.NativeArray;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checked mode on the JVM device, which runs the Java kernel and so has no bounds checks of the JIT to
 * carry a residency check: an argument that must not be read yet is replaced by an array of the same
 * type and length whose memory is already freed, so that the kernel's first read of it fails (and a
 * kernel that does not read it, as behind a flag, runs as usual). Made once per argument, when needed.
 */
final class UnsentArrays {
    private final Map<Integer, NativeArray> freed = new HashMap<>();

    /** {@code args} with the arrays of the bits of {@code mask} replaced. */
    Object[] substitute(Object[] args, int mask) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++)
            if ((mask & (1 << i)) != 0) out[i] = freed.computeIfAbsent(i, k -> freedLike((NativeArray) args[k]));
        return out;
    }

    private static NativeArray freedLike(NativeArray a) {
        MemorySegment memory;
        try (Arena arena = Arena.ofShared()) {
            memory = arena.allocate(Math.max(1, a.getNumBytes()), 16);
        }
        return a.withMemory(memory);
    }

    /** Whether a launch failed on reading freed memory (the JDK's "Already closed"). */
    static boolean caused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().contains("closed")) return true;
        return false;
    }

    /** The residency error: the one array not sent, or the first of several (a freed segment does not say which it was). */
    static IllegalStateException report(LaunchResidency residency, int mask, RuntimeException cause) {
        List<Integer> params = new ArrayList<>();
        for (int i = 0; i < 32; i++) if ((mask & (1 << i)) != 0) params.add(i);
        String others = "";
        if (params.size() > 1) {
            List<String> rest = new ArrayList<>();
            for (int p : params.subList(1, params.size())) rest.add(residency.parameterName(p));
            others = " (or one of its other parameters never sent: " + String.join(", ", rest) + "; the JVM device cannot tell which)";
        }
        IllegalStateException e = residency.unsentRead(params.getFirst(), others);
        e.initCause(cause);
        return e;
    }
}
