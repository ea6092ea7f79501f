package dev.mamba2j.tornado.runtime;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Keeps the JVM's signal handlers in place while native drivers load. HotSpot turns hardware signals
 * into Java behaviour (SIGFPE into ArithmeticException, SIGSEGV into NullPointerException); an OpenCL
 * driver such as PoCL installs handlers of its own for them, after which ordinary Java code such as
 * {@code i / 0} may return a value instead of throwing. With HotSpot's signal-chaining library
 * preloaded ({@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}) the handlers are chained and nothing needs
 * doing. Without it, the handlers each driver call replaced are put back as they were and a line on
 * standard error says which (the kernels this runtime generates never trap: Java's division rules are
 * lowered into plain arithmetic).
 */
final class SignalHandlers {
    /** The signals HotSpot handles that a driver might take over. */
    private static final int[] SIGNALS = {4 /* SIGILL */, 7 /* SIGBUS */, 8 /* SIGFPE */, 11 /* SIGSEGV */, 3 /* SIGQUIT */};
    private static final String[] NAMES = {"SIGILL", "SIGBUS", "SIGFPE", "SIGSEGV", "SIGQUIT"};
    /** Larger than struct sigaction on every Linux ABI (152 bytes on x86-64), restored whole. */
    private static final long ACTION_BYTES = 256;
    /**
     * glibc's struct sigaction starts with the handler and ends its 128-byte mask at byte 136, where the
     * flags are. Only the handler and the flags are compared: glibc fills just the kernel's 8 bytes of the
     * mask and leaves the rest as it found it.
     */
    private static final long HANDLER = 0, FLAGS = 136;
    private static final MethodHandle SIGACTION = sigaction();
    private static final boolean CHAINED = chainingPreloaded();

    private SignalHandlers() {}

    /** Runs {@code call} (which may load a native driver) and puts back any of the JVM's handlers it replaced. */
    static <T> T preserved(String what, Supplier<T> call) {
        if (CHAINED || SIGACTION == null) return call.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] before = new MemorySegment[SIGNALS.length];
            for (int i = 0; i < SIGNALS.length; i++) before[i] = current(arena, SIGNALS[i]);
            try {
                return call.get();
            } finally {
                List<String> restored = new ArrayList<>();
                for (int i = 0; i < SIGNALS.length; i++) {
                    if (!changed(current(arena, SIGNALS[i]), before[i])) continue;
                    install(SIGNALS[i], before[i]);
                    restored.add(NAMES[i]);
                }
                if (!restored.isEmpty())
                    System.err.println("mamba2j: " + what + " replaced the JVM's handlers for " + String.join(", ", restored)
                            + "; they are restored (preload $JAVA_HOME/lib/libjsig.so to chain them instead)");
            }
        }
    }

    private static boolean changed(MemorySegment now, MemorySegment then) {
        return now.get(JAVA_LONG, HANDLER) != then.get(JAVA_LONG, HANDLER) || now.get(JAVA_INT, FLAGS) != then.get(JAVA_INT, FLAGS);
    }

    private static MemorySegment current(Arena arena, int signal) {
        MemorySegment action = arena.allocate(ACTION_BYTES, 16);
        call(signal, MemorySegment.NULL, action);
        return action;
    }

    private static void install(int signal, MemorySegment action) { call(signal, action, MemorySegment.NULL); }

    private static void call(int signal, MemorySegment action, MemorySegment old) {
        try {
            int rc = (int) SIGACTION.invokeExact(signal, action, old);
            if (rc != 0) throw new IllegalStateException("sigaction(" + signal + ") failed");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle sigaction() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) return null;
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find("sigaction")
                .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS))).orElse(null);
    }

    /** Whether HotSpot's signal-chaining library is in the process (preloaded, as it must be to work). */
    private static boolean chainingPreloaded() {
        try {
            return Files.readString(Path.of("/proc/self/maps")).contains("libjsig");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
