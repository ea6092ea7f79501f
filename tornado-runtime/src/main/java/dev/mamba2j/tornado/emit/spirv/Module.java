package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.spirv.Grammar.Op;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SPIR-V module being written: ids, the sections in the order the specification lays them out,
 * and types and constants made once each (SPIR-V forbids duplicate non-aggregate types).
 */
final class Module {
    private int nextId = 1;
    private final Set<Integer> capabilities = new LinkedHashSet<>();
    private final Set<String> extensions = new LinkedHashSet<>();
    final Words imports = new Words(), header = new Words(), entryPoints = new Words(), modes = new Words(),
            names = new Words(), annotations = new Words(), globals = new Words(), code = new Words();
    private final Map<List<Object>, Integer> interned = new HashMap<>();

    int id() { return nextId++; }

    void capability(int c) { capabilities.add(c); }

    void extension(String e) { extensions.add(e); }

    void name(int id, String name) { names.instWithString(Op.Name, new int[] {id}, name); }

    void decorate(int id, int decoration, int... literals) {
        int[] ops = new int[2 + literals.length];
        ops[0] = id;
        ops[1] = decoration;
        System.arraycopy(literals, 0, ops, 2, literals.length);
        annotations.inst(Op.Decorate, ops);
    }

    boolean has(int op, Object key) { return interned.containsKey(List.of(op, key)); }

    /** A type or constant declared once: key identifies it, and the instruction is {@code op result operands...}. */
    int global(int op, Object key, int... operands) {
        Integer known = interned.get(List.of(op, key));
        if (known != null) return known;
        int id = id();
        int[] ops = new int[operands.length + 1];
        ops[0] = id;
        System.arraycopy(operands, 0, ops, 1, operands.length);
        globals.inst(op, ops);
        interned.put(List.of(op, key), id);
        return id;
    }

    /** Same as {@link #global} for instructions whose first operand is the result type (constants). */
    int typed(int op, int type, Object key, int... operands) {
        Integer known = interned.get(List.of(op, type, key));
        if (known != null) return known;
        int id = id();
        int[] ops = new int[operands.length + 2];
        ops[0] = type;
        ops[1] = id;
        System.arraycopy(operands, 0, ops, 2, operands.length);
        globals.inst(op, ops);
        interned.put(List.of(op, type, key), id);
        return id;
    }

    /** The module's bytes, little-endian words. */
    byte[] assemble(int version) {
        Words all = new Words();
        all.add(Grammar.MAGIC);
        all.add(version);
        all.add(0); // generator: unregistered
        all.add(nextId);
        all.add(0);
        for (int c : capabilities) all.inst(Op.Capability, c);
        for (String e : extensions) all.instWithString(Op.Extension, new int[0], e);
        for (Words w : List.of(imports, header, entryPoints, modes, names, annotations, globals, code)) all.addAll(w);
        ByteBuffer bb = ByteBuffer.allocate(all.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < all.size(); i++) bb.putInt(all.get(i));
        return bb.array();
    }
}
