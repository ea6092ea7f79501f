package dev.mamba2j.tornado.jit.bytecode;

import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** State shared by the kernel method and the helpers inlined into it: ids, blocks, the inlining stack. */
final class Builder {
    final List<Block> blocks = new ArrayList<>();
    final Deque<String> inlining = new ArrayDeque<>();
    /** Where each LOCAL/PRIVATE array is allocated, for error messages of later passes. */
    final Map<ArrayRef, String> allocSites = new LinkedHashMap<>();
    /** Why a store to a GLOBAL array is refused at the task method's current instruction, or null. */
    String writeRefusal;
    private int vars, arrays, blockIds;

    Var var(Type t, String hint) {
        int id = vars++;
        return new Var(id, t, identifier(hint) + "_" + id);
    }

    Block block() {
        Block b = new Block(blockIds++);
        blocks.add(b);
        return b;
    }

    ArrayRef array(Space s, ElemType e, String hint, int javaIndex) {
        int id = arrays++;
        return new ArrayRef(id, s, e, identifier(hint) + "_" + Character.toLowerCase(s.name().charAt(0)) + id, javaIndex);
    }

    /** An identifier that is valid in C and PTX and cannot clash with a keyword once suffixed by _id. */
    private static String identifier(String hint) {
        StringBuilder sb = new StringBuilder();
        for (char c : hint.toCharArray()) sb.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        if (sb.isEmpty() || Character.isDigit(sb.charAt(0))) sb.insert(0, 'v');
        return sb.toString();
    }
}
