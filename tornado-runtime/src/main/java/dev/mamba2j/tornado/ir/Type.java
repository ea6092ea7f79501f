package dev.mamba2j.tornado.ir;

/** Value types of IR variables. BOOL is only produced by {@link Instr.Compare} and consumed by branches. */
public enum Type {
    BOOL, INT, LONG, FLOAT, DOUBLE;

    public boolean isFloating() { return this == FLOAT || this == DOUBLE; }

    public boolean isWide() { return this == LONG || this == DOUBLE; }
}
