package dev.mamba2j.tornado.ir;

import java.util.ArrayList;
import java.util.List;

/** A basic block: straight-line instructions, then a terminator. Mutable while being built or rewritten. */
public final class Block {
    private final int id;
    private final List<Instr> instrs;
    private Terminator term;

    public Block(int id) { this(id, new ArrayList<>(), null); }

    public Block(int id, List<Instr> instrs, Terminator term) {
        this.id = id;
        this.instrs = instrs;
        this.term = term;
    }

    public int id() { return id; }

    public List<Instr> instrs() { return instrs; }

    public Terminator term() { return term; }

    public void setTerm(Terminator term) { this.term = term; }

    public String label() { return "L" + id; }

    Block copy() { return new Block(id, new ArrayList<>(instrs), term); }
}
