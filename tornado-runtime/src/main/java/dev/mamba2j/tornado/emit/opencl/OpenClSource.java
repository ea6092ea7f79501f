package dev.mamba2j.tornado.emit.opencl;

import dev.mamba2j.tornado.ir.ParamKind;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.DeviceParam;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.MathTarget;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prints a lowered kernel as OpenCL C 1.2. Blocks become labels and gotos; each operation is the C
 * that means what the lowered IR means: wrapping integer arithmetic through the unsigned types (C's
 * signed overflow is undefined), float-to-int as the saturating conversion, minNum/maxNum as fmin/fmax.
 * FP_CONTRACT is off so that a*b+c is never fused behind the IR's back.
 */
final class OpenClSource {
    /** OpenCL C has every math function (the approximations as the exact exp2/log2) and fmod. */
    static final MathTarget MATH = MathTarget.allNative("OpenCL C");

    private final Function f;
    private final Set<String> helpers = new TreeSet<>();
    private final StringBuilder body = new StringBuilder();
    private boolean doubles;

    private OpenClSource(Function f) { this.f = f; }

    static String print(Function f) { return new OpenClSource(f).print(); }

    /** The kernel's name in the printed text: the method's, unless OpenCL C reserves it. */
    static String entryName(Function f) { return OpenClNames.entryName(f.name()); }

    private String print() {
        List<DeviceParam> params = f.deviceParams();
        List<String> decls = new ArrayList<>();
        for (DeviceParam p : params) {
            decls.add(switch (p.kind()) {
                case BUFFER -> "__global " + elemType(p.array().elem()) + " *" + p.array().name();
                case ARRAY_LENGTH -> "int " + DeviceParam.lengthName(p.array());
                case SCALAR -> type(p.var().type()) + " " + p.var().name();
            });
            if (p.kind() == ParamKind.SCALAR) noteType(p.var().type());
            if (p.array() != null) noteType(p.array().elem().valueType());
        }
        body.append("__kernel void ").append(entryName(f)).append('(').append(String.join(", ", decls)).append(") {\n");
        for (Map.Entry<ArrayRef, Operand> a : f.allocations().entrySet()) {
            noteType(a.getKey().elem().valueType());
            body.append(a.getKey().space() == Space.LOCAL ? "    __local " : "    ")
                .append(elemType(a.getKey().elem())).append(' ').append(a.getKey().name())
                .append('[').append(operand(a.getValue())).append("];\n");
        }
        for (Var v : f.locals()) {
            noteType(v.type());
            body.append("    ").append(type(v.type())).append(' ').append(v.name()).append(";\n");
        }
        Set<Integer> targets = new HashSet<>();
        for (int k = 0; k < f.blocks().size(); k++) { // only labels some goto names, as terminator() prints them
            Terminator t = f.blocks().get(k).term();
            for (int s : t.successors()) if (t instanceof Terminator.Switch || !isNext(k, s)) targets.add(s);
            if (t instanceof Terminator.Branch br) targets.add(br.ifTrue());
        }
        for (int k = 0; k < f.blocks().size(); k++) {
            Block b = f.blocks().get(k);
            if (targets.contains(b.id())) body.append(b.label()).append(":\n");
            for (Instr i : b.instrs()) {
                String s = statement(i);
                if (!s.isEmpty()) body.append("    ").append(s).append('\n');
            }
            String t = terminator(b.term(), k);
            if (!t.isEmpty()) body.append("    ").append(t).append('\n');
        }
        body.append("}\n");
        StringBuilder out = new StringBuilder();
        if (doubles) out.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
        out.append("#pragma OPENCL FP_CONTRACT OFF\n\n");
        for (String h : helpers) out.append(OpenClHelpers.source(h)).append('\n');
        if (!helpers.isEmpty()) out.append('\n');
        return out.append(body).toString();
    }

    private boolean isNext(int k, int id) { return k + 1 < f.blocks().size() && f.blocks().get(k + 1).id() == id; }

    private String terminator(Terminator t, int k) {
        return switch (t) {
            case Terminator.Jump j -> isNext(k, j.target()) ? "" : "goto L" + j.target() + ";";
            case Terminator.Branch br -> "if (" + operand(br.cond()) + ") goto L" + br.ifTrue() + ";"
                    + (isNext(k, br.ifFalse()) ? "" : " goto L" + br.ifFalse() + ";");
            case Terminator.Switch s -> {
                StringBuilder sb = new StringBuilder("switch (" + operand(s.value()) + ") {");
                for (int c = 0; c < s.keys().size(); c++)
                    sb.append(" case ").append(intConst(s.keys().get(c))).append(": goto L").append(s.targets().get(c)).append(';');
                yield sb.append(" default: goto L").append(s.otherwise()).append("; }").toString();
            }
            case Terminator.Return r -> "return;";
        };
    }

    private String statement(Instr i) {
        return switch (i) {
            case Instr.Move m -> assign(m.dst(), operand(m.src()));
            case Instr.Neg n -> assign(n.dst(), n.dst().type().isFloating() ? "-" + operand(n.a())
                    : wrap(n.dst().type(), "0", "-", n.a()));
            case Instr.Binary b -> assign(b.dst(), binary(b));
            case Instr.Compare c -> assign(c.dst(), compare(c.op(), operand(c.a()), operand(c.b())));
            case Instr.Select c -> assign(c.dst(), operand(c.cond()) + " ? " + operand(c.ifTrue()) + " : " + operand(c.ifFalse()));
            case Instr.Convert c -> assign(c.dst(), convert(c.src(), c.dst().type()));
            case Instr.Bitcast c -> assign(c.dst(), "as_" + type(c.dst().type()) + "(" + operand(c.src()) + ")");
            case Instr.Call c -> assign(c.dst(), call(c.fn(), c.dst().type(), c.args()));
            case Instr.Query q -> assign(q.dst(), "(int)" + switch (q.what()) {
                case GLOBAL_ID -> "get_global_id";
                case LOCAL_ID -> "get_local_id";
                case GROUP_ID -> "get_group_id";
                case GLOBAL_SIZE -> "get_global_size";
                case LOCAL_SIZE -> "get_local_size";
            } + "(" + q.dim() + ")");
            case Instr.Load l -> assign(l.dst(), switch (l.array().elem()) {
                case HALF -> "vload_half(" + operand(l.index()) + ", " + l.array().name() + ")";
                case BF16 -> "as_float((uint)" + element(l.array(), l.index()) + " << 16)";
                default -> element(l.array(), l.index());
            });
            case Instr.Store s -> switch (s.array().elem()) {
                case HALF -> helper("j_store_half") + "(" + s.array().name() + ", " + operand(s.index()) + ", " + operand(s.value()) + ");";
                case BF16 -> element(s.array(), s.index()) + " = " + helper("j_bf16") + "(" + operand(s.value()) + ");";
                default -> element(s.array(), s.index()) + " = " + operand(s.value()) + ";";
            };
            case Instr.Length l -> assign(l.dst(), l.array().space() == Space.GLOBAL ? DeviceParam.lengthName(l.array())
                    : operand(f.allocations().get(l.array())));
            case Instr.Alloc a -> "";
            case Instr.Barrier b -> "barrier(CLK_LOCAL_MEM_FENCE);";
            case Instr.Gemm g -> gemm(g);
            case Instr.AtomicAdd a -> {
                String ptr = "&" + element(a.array(), a.index());
                String fn = a.array().elem() == ElemType.FLOAT
                        ? helper(a.array().space() == Space.LOCAL ? "j_atomic_addf_local" : "j_atomic_addf_global") : "atomic_add";
                String call = fn + "(" + ptr + ", " + operand(a.value()) + ")";
                yield a.dst() == null ? call + ";" : assign(a.dst(), call);
            }
        };
    }

    private String gemm(Instr.Gemm g) {
        helper("j_mma");
        return OpenClGemm.statement(operand(g.m()), operand(g.n()), operand(g.k()), g.a().name(), operand(g.lda()),
                g.b().name(), operand(g.ldb()), g.c().name(), operand(g.ldc()),
                g.tf32() instanceof Const c ? (c.asBool() ? "0" : "1") : "!" + operand(g.tf32()));
    }

    private String binary(Instr.Binary b) {
        Type t = b.dst().type();
        String x = operand(b.a()), y = operand(b.b());
        if (t.isFloating()) return switch (b.op()) {
            case ADD -> x + " + " + y;
            case SUB -> x + " - " + y;
            case MUL -> x + " * " + y;
            case DIV -> x + " / " + y;
            case REM -> "fmod(" + x + ", " + y + ")";
            default -> throw new IllegalArgumentException(b.toString());
        };
        String u = t == Type.LONG ? "(ulong)" : "(uint)";
        return switch (b.op()) {
            case ADD -> wrap(t, x, "+", b.b());
            case SUB -> wrap(t, x, "-", b.b());
            case MUL -> wrap(t, x, "*", b.b());
            case DIV -> x + " / " + y;
            case REM -> x + " % " + y;
            case AND -> x + " & " + y;
            case OR -> x + " | " + y;
            case XOR -> x + " ^ " + y;
            case SHL -> "(" + type(t) + ")(" + u + x + " << " + y + ")";
            case SHR -> x + " >> " + y;
            case USHR -> "(" + type(t) + ")(" + u + x + " >> " + y + ")";
        };
    }

    /** Wrapping int/long arithmetic: computed in the unsigned type, where overflow is defined. */
    private String wrap(Type t, String x, String op, Operand y) {
        String u = t == Type.LONG ? "(ulong)" : "(uint)";
        return "(" + type(t) + ")(" + u + x + " " + op + " " + u + operand(y) + ")";
    }

    private String convert(Operand src, Type to) {
        if (src.type().isFloating() && !to.isFloating()) return "convert_" + type(to) + "_sat_rtz(" + operand(src) + ")";
        return "(" + type(to) + ")" + operand(src); // C's conversions here are the IR's (round to nearest even, sign extension)
    }

    private String call(MathFn fn, Type t, List<Operand> args) {
        String joined = String.join(", ", args.stream().map(this::operand).toList());
        String name = switch (fn) {
            case MIN -> t.isFloating() ? "fmin" : "min";
            case MAX -> t.isFloating() ? "fmax" : "max";
            case ABS -> "fabs";
            case EXP2_APPROX -> "exp2";
            case LOG2_APPROX -> "log2";
            default -> fn.name().toLowerCase();
        };
        return name + "(" + joined + ")";
    }

    private String helper(String name) {
        helpers.add(name);
        return name;
    }

    private String element(ArrayRef a, Operand index) { return a.name() + "[" + operand(index) + "]"; }

    private static String assign(Var d, String expr) { return d.name() + " = " + expr + ";"; }

    private static String compare(CmpOp op, String a, String b) {
        return switch (op) {
            case EQ -> a + " == " + b; case NE -> a + " != " + b; case LT -> a + " < " + b; case LE -> a + " <= " + b;
            case GT -> a + " > " + b; case GE -> a + " >= " + b; case UNORDERED -> "isunordered(" + a + ", " + b + ")";
        };
    }

    private void noteType(Type t) { if (t == Type.DOUBLE) doubles = true; }

    private String operand(Operand o) {
        if (o instanceof Var v) return v.name();
        Const c = (Const) o;
        noteType(c.type());
        return switch (c.type()) {
            case BOOL -> c.asBool() ? "1" : "0";
            case INT -> intConst(c.asInt());
            case LONG -> c.value().longValue() == Long.MIN_VALUE ? "(-9223372036854775807L-1L)" : paren(c.value() + "L");
            case FLOAT -> floating(c.value().floatValue(), Float.toString(c.value().floatValue()) + "f", "");
            case DOUBLE -> floating(c.value().doubleValue(), Double.toString(c.value().doubleValue()), "(double)");
        };
    }

    private static String intConst(int v) { return v == Integer.MIN_VALUE ? "(-2147483647-1)" : paren(Integer.toString(v)); }

    private static String floating(double v, String literal, String cast) {
        if (Double.isNaN(v)) return cast + "NAN";
        if (Double.isInfinite(v)) return v > 0 ? cast + "INFINITY" : "(" + cast + "(-INFINITY))";
        return paren(literal);
    }

    private static String paren(String s) { return s.startsWith("-") ? "(" + s + ")" : s; }

    static String type(Type t) {
        return switch (t) { case BOOL -> "bool"; case INT -> "int"; case LONG -> "long"; case FLOAT -> "float"; case DOUBLE -> "double"; };
    }

    /** C type of an array element in memory: fp16 as half (vload/vstore only), bf16 as raw ushort. */
    static String elemType(ElemType e) {
        return switch (e) { case HALF -> "half"; case BF16 -> "ushort"; default -> type(e.valueType()); };
    }
}
