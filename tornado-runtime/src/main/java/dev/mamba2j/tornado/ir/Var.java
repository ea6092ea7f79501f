package dev.mamba2j.tornado.ir;

/**
 * A typed virtual variable. Not SSA: a Java local slot of one type is one variable and may be
 * assigned many times; operand-stack values become temporaries. {@code name} is unique in its
 * function and safe as an identifier in every target language.
 */
public record Var(int id, Type type, String name) implements Operand {
    @Override public String toString() { return name; }
}
