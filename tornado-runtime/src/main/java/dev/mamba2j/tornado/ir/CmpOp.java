package dev.mamba2j.tornado.ir;

/**
 * Comparisons; on floating operands they are IEEE ordered compares (false with NaN), except NE
 * (true with NaN) and UNORDERED (floating only: true if either operand is NaN).
 */
public enum CmpOp {
    EQ, NE, LT, LE, GT, GE, UNORDERED;

    /** The comparison that holds exactly where this one does not (integer operands; for floats, see the class). */
    public CmpOp negate() {
        return switch (this) {
            case EQ -> NE; case NE -> EQ; case LT -> GE; case LE -> GT; case GT -> LE; case GE -> LT;
            case UNORDERED -> throw new IllegalStateException("UNORDERED has no negation in the IR");
        };
    }

    public CmpOp swap() {
        return switch (this) {
            case EQ -> EQ; case NE -> NE; case LT -> GT; case LE -> GE; case GT -> LT; case GE -> LE; case UNORDERED -> UNORDERED;
        };
    }
}
