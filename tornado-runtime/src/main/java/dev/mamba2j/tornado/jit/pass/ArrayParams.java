package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Param;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The array parameters of an optimised kernel, by Java index: their names, and which ones the kernel may
 * write (a store or an atomic anywhere in it, whether or not the path is taken). The runtime's residency
 * rules need both: an array a task may write is on the device after that task, and a kernel that never
 * writes an array only reads what was sent or written before it.
 *
 * @param names   Java index -> parameter name
 * @param written Java indices of the arrays the kernel may write; null where unknown (code not made by
 *                the JIT), which counts as every array written
 */
public record ArrayParams(Map<Integer, String> names, Set<Integer> written) {
    /** Nothing known: every array counts as written, none is named. */
    public static final ArrayParams UNKNOWN = new ArrayParams(Map.of(), null);

    public static ArrayParams of(Function f) {
        Map<Integer, String> names = new TreeMap<>();
        for (Param p : f.params()) if (p.array() != null && p.array().javaIndex() >= 0) names.put(p.array().javaIndex(), javaName(p.array()));
        Set<Integer> written = new TreeSet<>();
        for (Block b : f.blocks())
            for (Instr i : b.instrs()) {
                ArrayRef a = switch (i) {
                    case Instr.Store s -> s.array();
                    case Instr.AtomicAdd add -> add.array();
                    default -> null;
                };
                if (a != null && a.javaIndex() >= 0 && names.containsKey(a.javaIndex())) written.add(a.javaIndex());
            }
        return new ArrayParams(Map.copyOf(names), Set.copyOf(written));
    }

    /** The Java name: the front end suffixes each array with its space and number ("x_g0"). */
    private static String javaName(ArrayRef a) { return a.name().replaceFirst("_g\\d+$", ""); }

    public boolean mayWrite(int javaIndex) { return written == null || written.contains(javaIndex); }

    /** The parameter's name, or "argument i" where it is not known. */
    public String name(int javaIndex) { return names.getOrDefault(javaIndex, "argument " + javaIndex); }
}
