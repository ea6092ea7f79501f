package dev.mamba2j.tornado.ir;

/**
 * A constant. {@code value} is an Integer (INT, and BOOL as 0/1), Long, Float or Double, matching
 * {@code type}.
 */
public record Const(Type type, Number value) implements Operand {
    public static Const of(int v) { return new Const(Type.INT, v); }

    public static Const of(long v) { return new Const(Type.LONG, v); }

    public static Const of(float v) { return new Const(Type.FLOAT, v); }

    public static Const of(double v) { return new Const(Type.DOUBLE, v); }

    public static Const of(boolean v) { return new Const(Type.BOOL, v ? 1 : 0); }

    /** Zero of a type. */
    public static Const zero(Type t) {
        return switch (t) {
            case BOOL -> of(false);
            case INT -> of(0);
            case LONG -> of(0L);
            case FLOAT -> of(0f);
            case DOUBLE -> of(0d);
        };
    }

    public int asInt() { return value.intValue(); }

    public boolean asBool() { return value.intValue() != 0; }

    @Override public String toString() { return value + ":" + type; }
}
