package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Type;

import java.util.List;

/**
 * Evaluates IR operations on constants with Java's semantics; the definition the printers must
 * match. Math functions whose device versions are not correctly rounded (exp, log, ...) are not folded.
 * In a lowered function an operation whose meaning changed (see {@code ir/package-info.java}) is folded
 * only where the target's result and Java's agree.
 */
final class Eval {
    private Eval() {}

    /** The instruction's result if all its inputs are constants and it is foldable, else null. */
    static Const fold(Instr i, boolean lowered) {
        for (Operand o : i.uses()) if (!(o instanceof Const)) return null;
        if (lowered && !targetAgrees(i)) return null;
        return switch (i) {
            case Instr.Move m -> (Const) m.src();
            case Instr.Neg n -> neg((Const) n.a());
            case Instr.Binary b -> binary(b.op(), b.dst().type(), (Const) b.a(), (Const) b.b());
            case Instr.Compare c -> Const.of(compare(c.op(), (Const) c.a(), (Const) c.b()));
            case Instr.Select c -> (Const) (((Const) c.cond()).asBool() ? c.ifTrue() : c.ifFalse());
            case Instr.Convert c -> convert((Const) c.src(), c.dst().type());
            case Instr.Bitcast c -> bitcast((Const) c.src());
            case Instr.Call c -> call(c.fn(), c.dst().type(), c.args());
            default -> null;
        };
    }

    /**
     * Whether the target's version of a lowered operation gives Java's result for these constants: a
     * divisor other than 0 and -1, a shift count within the width, a number to convert, min/max of
     * two numbers that are not both zeros; POW is the target's own, never folded.
     */
    private static boolean targetAgrees(Instr i) {
        return switch (i) {
            case Instr.Binary b when !b.dst().type().isFloating() && b.dst().type() != Type.BOOL -> switch (b.op()) {
                case DIV, REM -> { long d = ((Const) b.b()).value().longValue(); yield d != 0 && d != -1; }
                case SHL, SHR, USHR -> { int c = ((Const) b.b()).asInt(); yield c >= 0 && c < (b.dst().type() == Type.LONG ? 64 : 32); }
                default -> true;
            };
            case Instr.Convert c when c.src().type().isFloating() && !c.dst().type().isFloating() ->
                    !Double.isNaN(((Const) c.src()).value().doubleValue());
            case Instr.Call c when (c.fn() == MathFn.MIN || c.fn() == MathFn.MAX) && c.dst().type().isFloating() -> {
                double a = ((Const) c.args().get(0)).value().doubleValue(), b = ((Const) c.args().get(1)).value().doubleValue();
                yield !Double.isNaN(a) && !Double.isNaN(b) && !(a == 0 && b == 0);
            }
            default -> true;
        };
    }

    static Const neg(Const a) {
        return switch (a.type()) {
            case INT -> Const.of(-a.asInt());
            case LONG -> Const.of(-a.value().longValue());
            case FLOAT -> Const.of(-a.value().floatValue());
            case DOUBLE -> Const.of(-a.value().doubleValue());
            case BOOL -> null;
        };
    }

    static Const binary(BinOp op, Type t, Const ca, Const cb) {
        switch (t) {
            case INT -> {
                int a = ca.asInt(), b = cb.asInt();
                return Const.of(switch (op) {
                    case ADD -> a + b; case SUB -> a - b; case MUL -> a * b;
                    case DIV -> b == 0 ? 0 : a / b; case REM -> b == 0 ? 0 : a % b;
                    case AND -> a & b; case OR -> a | b; case XOR -> a ^ b;
                    case SHL -> a << b; case SHR -> a >> b; case USHR -> a >>> b;
                });
            }
            case LONG -> {
                long a = ca.value().longValue(), b = cb.value().longValue();
                return Const.of(switch (op) {
                    case ADD -> a + b; case SUB -> a - b; case MUL -> a * b;
                    case DIV -> b == 0 ? 0 : a / b; case REM -> b == 0 ? 0 : a % b;
                    case AND -> a & b; case OR -> a | b; case XOR -> a ^ b;
                    case SHL -> a << b; case SHR -> a >> b; case USHR -> a >>> b;
                });
            }
            case FLOAT -> {
                float a = ca.value().floatValue(), b = cb.value().floatValue();
                return switch (op) {
                    case ADD -> Const.of(a + b); case SUB -> Const.of(a - b); case MUL -> Const.of(a * b);
                    case DIV -> Const.of(a / b); case REM -> Const.of(a % b);
                    default -> null;
                };
            }
            case DOUBLE -> {
                double a = ca.value().doubleValue(), b = cb.value().doubleValue();
                return switch (op) {
                    case ADD -> Const.of(a + b); case SUB -> Const.of(a - b); case MUL -> Const.of(a * b);
                    case DIV -> Const.of(a / b); case REM -> Const.of(a % b);
                    default -> null;
                };
            }
            case BOOL -> {
                boolean a = ca.asBool(), b = cb.asBool();
                return switch (op) {
                    case AND -> Const.of(a & b); case OR -> Const.of(a | b); case XOR -> Const.of(a ^ b);
                    default -> null;
                };
            }
        }
        return null;
    }

    static boolean compare(CmpOp op, Const ca, Const cb) {
        if (ca.type().isFloating()) {
            double a = ca.value().doubleValue(), b = cb.value().doubleValue(); // exact for floats too
            return switch (op) {
                case EQ -> a == b; case NE -> a != b; case LT -> a < b; case LE -> a <= b; case GT -> a > b; case GE -> a >= b;
                case UNORDERED -> Double.isNaN(a) || Double.isNaN(b);
            };
        }
        long a = ca.value().longValue(), b = cb.value().longValue();
        return switch (op) {
            case EQ -> a == b; case NE -> a != b; case LT -> a < b; case LE -> a <= b; case GT -> a > b; case GE -> a >= b;
            case UNORDERED -> false;
        };
    }

    /** Java's primitive conversions (f2i saturates, NaN -> 0; to float rounds to nearest even). */
    static Const convert(Const c, Type to) {
        Number v = c.value();
        boolean fp = c.type().isFloating();
        return switch (to) {
            case INT -> Const.of(fp ? (int) v.doubleValue() : v.intValue());
            case LONG -> Const.of(fp ? (long) v.doubleValue() : v.longValue());
            case FLOAT -> Const.of(c.type() == Type.LONG ? (float) v.longValue() : v.floatValue());
            case DOUBLE -> Const.of(c.type() == Type.LONG ? (double) v.longValue() : v.doubleValue());
            case BOOL -> null;
        };
    }

    static Const bitcast(Const c) {
        return switch (c.type()) {
            case INT -> Const.of(Float.intBitsToFloat(c.asInt()));
            case FLOAT -> Const.of(Float.floatToRawIntBits(c.value().floatValue()));
            case LONG -> Const.of(Double.longBitsToDouble(c.value().longValue()));
            case DOUBLE -> Const.of(Double.doubleToRawLongBits(c.value().doubleValue()));
            case BOOL -> null;
        };
    }

    /** Only the functions whose result is exact in Java and on every device. */
    static Const call(MathFn fn, Type t, List<Operand> args) {
        if (fn == MathFn.COPYSIGN && t == Type.FLOAT) // on floats themselves: widening need not keep a NaN's sign
            return Const.of(Math.copySign(((Const) args.get(0)).value().floatValue(), ((Const) args.get(1)).value().floatValue()));
        if (t == Type.FLOAT || t == Type.DOUBLE) {
            double a = ((Const) args.get(0)).value().doubleValue();
            double b = args.size() > 1 ? ((Const) args.get(1)).value().doubleValue() : 0;
            Double r = switch (fn) {
                case ABS -> Math.abs(a);
                case FLOOR -> Math.floor(a);
                case CEIL -> Math.ceil(a);
                case MIN -> Math.min(a, b);
                case MAX -> Math.max(a, b);
                case RINT -> Math.rint(a);
                case COPYSIGN -> Math.copySign(a, b);
                default -> null;
            };
            if (r == null) return null;
            return t == Type.FLOAT ? Const.of(r.floatValue()) : Const.of(r);
        }
        long a = ((Const) args.get(0)).value().longValue();
        long b = args.size() > 1 ? ((Const) args.get(1)).value().longValue() : 0;
        Long r = switch (fn) {
            case ABS -> t == Type.INT ? (long) Math.abs((int) a) : Math.abs(a);
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            default -> null;
        };
        if (r == null) return null;
        return t == Type.INT ? Const.of(r.intValue()) : Const.of(r.longValue());
    }
}
