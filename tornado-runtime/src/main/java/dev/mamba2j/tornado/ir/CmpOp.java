package dev.mamba2j.tornado.ir;

/** Comparisons; on floating operands they are IEEE ordered compares (false with NaN), except NE (true). */
public enum CmpOp {
    EQ, NE, LT, LE, GT, GE;

    public CmpOp negate() {
        return switch (this) { case EQ -> NE; case NE -> EQ; case LT -> GE; case LE -> GT; case GT -> LE; case GE -> LT; };
    }

    public CmpOp swap() {
        return switch (this) { case EQ -> EQ; case NE -> NE; case LT -> GT; case LE -> GE; case GT -> LT; case GE -> LE; };
    }
}
