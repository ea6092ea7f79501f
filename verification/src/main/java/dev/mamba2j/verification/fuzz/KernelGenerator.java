package dev.mamba2j.verification.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random kernels in the kernel subset of Java, as source text: int, long, float, double and boolean
 * locals and arithmetic with edge values (MIN_VALUE, -0.0, NaN, infinities, shift counts past the
 * width), casts between all four number types, Math's exact functions (abs, min, max, sqrt, floor,
 * ceil, rint), ternaries, if/else, counted and data-dependent loops, early returns, static helper
 * methods, and in one kernel of three a phase that writes local memory, a barrier, and a phase that
 * reads what neighbours wrote.
 *
 * <p>Every work-item reads its inputs from {@code ia} and {@code fa} at {@code gid * IN}, and writes
 * each result it stores into its own slots of {@code out} ({@code gid * OUT} on): floats as their bits
 * and longs and doubles as two ints, NaNs canonical (a device may return another NaN payload). Integer
 * divisors are made odd ({@code x | 1}): Java throws on zero, a device cannot. Only operations that
 * IEEE 754 and Java define exactly are used, so every device must agree with Java bit for bit.
 */
final class KernelGenerator {
    static final int IN = 8, OUT = 16, LOCAL = 64;
    static final String PARAMS = "IntArray ia, FloatArray fa, IntArray out";

    /** A statement: its text, or a block opener with nested statements and a closer. Declarations are never deleted. */
    static final class Stmt {
        final String head, tail;
        final List<Stmt> body;
        final boolean removable;

        Stmt(String text, boolean removable) { this(text, null, null, removable); }

        Stmt(String head, List<Stmt> body, String tail, boolean removable) {
            this.head = head;
            this.body = body;
            this.tail = tail;
            this.removable = removable;
        }

        void print(StringBuilder b, String indent) {
            b.append(indent).append(head).append('\n');
            if (body != null) {
                for (Stmt s : body) s.print(b, indent + "    ");
                b.append(indent).append(tail).append('\n');
            }
        }
    }

    /** One kernel: phase one (the whole body when there is no barrier), phase two after the barrier, helpers. */
    static final class Kernel {
        final String name;
        final List<Stmt> phase1 = new ArrayList<>(), phase2 = new ArrayList<>();
        final List<String> helpers = new ArrayList<>();
        final boolean barrier;

        Kernel(String name, boolean barrier) {
            this.name = name;
            this.barrier = barrier;
        }

        String source() {
            StringBuilder b = new StringBuilder();
            for (String h : helpers) b.append("    ").append(h).append('\n');
            b.append("    @Kernel public static void ").append(name).append("(KernelContext ctx, ").append(PARAMS).append(") {\n");
            b.append("        int gid = ctx.globalIdx, lid = ctx.localIdx;\n");
            if (barrier) {
                b.append("        int[] loc = ctx.allocateIntLocalArray(").append(LOCAL).append(");\n");
                b.append("        float[] locf = ctx.allocateFloatLocalArray(").append(LOCAL).append(");\n");
                block(b, phase1);
                b.append("        ctx.localBarrier();\n");
                block(b, phase2);
            } else {
                block(b, phase1);
            }
            b.append("    }\n");
            // the same statements as plain Java methods: the ground truth, run work-item by work-item
            String extra = barrier ? ", int[] loc, float[] locf" : "";
            b.append("    public static void ").append(name).append("_1(int gid, int lid, ").append(PARAMS).append(extra).append(") {\n");
            block(b, phase1);
            b.append("    }\n");
            if (barrier) {
                b.append("    public static void ").append(name).append("_2(int gid, int lid, ").append(PARAMS).append(extra).append(") {\n");
                block(b, phase2);
                b.append("    }\n");
            }
            return b.toString();
        }

        private static void block(StringBuilder b, List<Stmt> stmts) {
            b.append("        {\n");
            for (Stmt s : stmts) s.print(b, "            ");
            b.append("        }\n");
        }

        /** The statements of both phases as text (without the helpers). */
        String statements() {
            StringBuilder b = new StringBuilder();
            block(b, phase1);
            block(b, phase2);
            return b.toString();
        }

        int size() { return count(phase1) + count(phase2); }

        private static int count(List<Stmt> l) {
            int n = 0;
            for (Stmt s : l) n += 1 + (s.body == null ? 0 : count(s.body));
            return n;
        }
    }

    private static final String[] INT_EDGES = {"0", "1", "-1", "2", "31", "32", "33", "63", "64", "-33", "Integer.MIN_VALUE", "Integer.MAX_VALUE", "0x55555555", "-123456789"};
    private static final String[] LONG_EDGES = {"0L", "1L", "-1L", "63L", "64L", "65L", "Long.MIN_VALUE", "Long.MAX_VALUE", "0x100000000L", "-4294967296L", "2654435761L"};
    private static final String[] FLOAT_EDGES = {"0.0f", "-0.0f", "1.0f", "-1.5f", "0.1f", "Float.NaN", "Float.POSITIVE_INFINITY", "Float.NEGATIVE_INFINITY",
            "Float.MIN_VALUE", "Float.MAX_VALUE", "2.1474836E9f", "-2.1474836E9f", "9.223372E18f", "1.0E-30f", "16777217.0f"};
    private static final String[] DOUBLE_EDGES = {"0.0", "-0.0", "1.0", "-2.5", "0.1", "Double.NaN", "Double.POSITIVE_INFINITY", "Double.NEGATIVE_INFINITY",
            "Double.MIN_VALUE", "Double.MAX_VALUE", "2147483647.5", "-2147483648.5", "9.2233720368547758E18", "1.0E-300", "4.9E-324"};

    private final SplittableRandom rnd;
    private final List<String> vars = new ArrayList<>();
    private int helperCount, tmp;
    private int depthBudget;

    private final boolean normalOnly;

    /**
     * @param normalOnly no subnormal literals (the same draws, MIN_VALUE read as MIN_NORMAL): for a device
     *                   that may flush subnormals, whose differences from Java would otherwise be mostly those
     */
    KernelGenerator(SplittableRandom rnd, boolean normalOnly) {
        this.rnd = rnd;
        this.normalOnly = normalOnly;
    }

    /** A kernel named {@code name}. */
    Kernel kernel(String name) {
        Kernel k = new Kernel(name, rnd.nextInt(3) == 0);
        helperCount = 0;
        tmp = 0;
        k.phase1.addAll(phase(k, k.barrier ? Phase.WRITE_LOCAL : Phase.ONLY));
        if (k.barrier) k.phase2.addAll(phase(k, Phase.READ_LOCAL));
        return k;
    }

    private enum Phase { ONLY, WRITE_LOCAL, READ_LOCAL }

    private List<Stmt> phase(Kernel k, Phase phase) {
        vars.clear();
        List<Stmt> out = new ArrayList<>();
        // locals from the inputs, the neighbours' local values after a barrier
        for (int i = 0; i < 2; i++) out.add(decl("int", "i" + i, "ia.get(gid * " + IN + " + " + rnd.nextInt(IN) + ")"));
        out.add(decl("long", "l0", "((long) ia.get(gid * " + IN + " + " + rnd.nextInt(IN) + ") << 32) | (ia.get(gid * " + IN + " + " + rnd.nextInt(IN) + ") & 0xffffffffL)"));
        out.add(decl("float", "f0", "fa.get(gid * " + IN + " + " + rnd.nextInt(IN) + ")"));
        out.add(decl("double", "d0", "(double) fa.get(gid * " + IN + " + " + rnd.nextInt(IN) + ") * " + edge(DOUBLE_EDGES)));
        if (phase == Phase.READ_LOCAL) {
            out.add(decl("int", "i2", "loc[(lid + " + rnd.nextInt(LOCAL) + ") & " + (LOCAL - 1) + "]"));
            out.add(decl("float", "f1", "locf[(lid * " + (1 + 2 * rnd.nextInt(8)) + ") & " + (LOCAL - 1) + "]"));
        }
        int n = 2 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) out.add(statement(k, 2, phase != Phase.WRITE_LOCAL));
        if (phase == Phase.WRITE_LOCAL) {
            out.add(new Stmt("loc[lid] = " + expr("int", 3) + ";", false));
            out.add(new Stmt("locf[lid] = " + expr("float", 3) + ";", false));
        } else {
            // at least one result always stored
            out.add(store(rnd.nextInt(4)));
        }
        return out;
    }

    private Stmt decl(String type, String name, String init) {
        vars.add(type + " " + name);
        return new Stmt(type + " " + name + " = " + init + ";", false);
    }

    private Stmt statement(Kernel k, int depth, boolean mayReturn) {
        int c = rnd.nextInt(depth > 0 ? 10 : 6);
        switch (c) {
            case 0, 1, 2 -> { return assign(); }
            case 3, 4 -> { return store(rnd.nextInt(4)); }
            case 5 -> {
                if (mayReturn && rnd.nextInt(4) == 0) return new Stmt("if (" + expr("boolean", 2) + ") return;", true);
                return assign();
            }
            case 6, 7 -> {
                List<Stmt> then = block(k, depth - 1, mayReturn), other = block(k, depth - 1, mayReturn);
                if (rnd.nextBoolean()) return new Stmt("if (" + expr("boolean", 2) + ") {", then, "}", true);
                List<Stmt> both = new ArrayList<>(then);
                both.add(new Stmt("} else {", false));
                both.addAll(other);
                return new Stmt("if (" + expr("boolean", 2) + ") {", both, "}", true);
            }
            case 8 -> {
                String v = "k" + tmp++;
                String bound = rnd.nextBoolean() ? String.valueOf(rnd.nextInt(5)) : "(" + expr("int", 1) + " & 3)";
                List<Stmt> body = block(k, depth - 1, mayReturn);
                if (rnd.nextInt(3) == 0) body.add(new Stmt("if (" + expr("boolean", 1) + ") break;", true));
                return new Stmt("for (int " + v + " = 0; " + v + " < " + bound + "; " + v + "++) {", body, "}", true);
            }
            default -> { return helperCall(k); }
        }
    }

    private List<Stmt> block(Kernel k, int depth, boolean mayReturn) {
        List<Stmt> l = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) l.add(statement(k, depth, mayReturn));
        return l;
    }

    /** A variable of the phase assigned an expression of its type. */
    private Stmt assign() {
        String v = vars.get(rnd.nextInt(vars.size()));
        String type = v.substring(0, v.indexOf(' ')), name = v.substring(v.indexOf(' ') + 1);
        String op = rnd.nextInt(3) == 0 && !type.equals("boolean") ? new String[] {"+=", "-=", "*="}[rnd.nextInt(3)] : "=";
        return new Stmt(name + " " + op + " " + expr(type, 3) + ";", true);
    }

    /** One result into slot {@code slot * 4 ..}: an int, a long (2 slots), a float's bits, a double's bits (2 slots). */
    private Stmt store(int kind) {
        int slot = rnd.nextInt(OUT - 1);
        String at = "gid * " + OUT + " + " + slot;
        return switch (kind) {
            case 0 -> new Stmt("out.set(" + at + ", " + expr("int", 3) + ");", true);
            case 1 -> {
                String t = "t" + tmp++;
                yield new Stmt("{ long " + t + " = " + expr("long", 3) + "; out.set(" + at + ", (int) " + t + "); out.set(" + at + " + 1, (int) (" + t + " >>> 32)); }", true);
            }
            case 2 -> {
                String t = "t" + tmp++;
                yield new Stmt("{ float " + t + " = " + expr("float", 3) + "; out.set(" + at + ", " + t + " != " + t + " ? 0x7fc00000 : Float.floatToRawIntBits(" + t + ")); }", true);
            }
            default -> {
                String t = "t" + tmp++, b = "b" + tmp++;
                yield new Stmt("{ double " + t + " = " + expr("double", 3) + "; long " + b + " = " + t + " != " + t + " ? 0x7ff8000000000000L : Double.doubleToRawLongBits(" + t
                        + "); out.set(" + at + ", (int) " + b + "); out.set(" + at + " + 1, (int) (" + b + " >>> 32)); }", true);
            }
        };
    }

    /** A static helper (inlined by the JIT) of two parameters, called into a variable. */
    private Stmt helperCall(Kernel k) {
        String[] types = {"int", "long", "float", "double"};
        String rt = pick(types), at = pick(types), bt = pick(types);
        String name = k.name + "_h" + helperCount++;
        List<String> saved = new ArrayList<>(vars);
        vars.clear();
        vars.add(at + " a");
        vars.add(bt + " b");
        String body = rnd.nextBoolean() ? "return " + expr(rt, 3) + ";"
                : "if (" + expr("boolean", 2) + ") return " + expr(rt, 2) + "; " + rt + " r = " + expr(rt, 2) + "; return r;";
        k.helpers.add("static " + rt + " " + name + "(" + at + " a, " + bt + " b) { " + body + " }");
        vars.clear();
        vars.addAll(saved);
        String target = varOf(rt);
        if (target == null) return assign();
        return new Stmt(target + " = " + name + "(" + expr(at, 2) + ", " + expr(bt, 2) + ");", true);
    }

    private String varOf(String type) {
        List<String> l = vars.stream().filter(v -> v.startsWith(type + " ")).toList();
        return l.isEmpty() ? null : l.get(rnd.nextInt(l.size())).substring(type.length() + 1);
    }

    /** An expression of {@code type} at most {@code depth} operators deep. */
    String expr(String type, int depth) {
        if (depth <= 0 || rnd.nextInt(4) == 0) return leaf(type);
        return switch (type) {
            case "int" -> intExpr(depth);
            case "long" -> longExpr(depth);
            case "float" -> fpExpr("float", depth);
            case "double" -> fpExpr("double", depth);
            default -> boolExpr(depth);
        };
    }

    /** A floating edge value; the smallest normal in place of a subnormal where only normal values are wanted. */
    private String edge(String[] edges) {
        String e = pick(edges);
        if (!normalOnly) return e;
        return switch (e) {
            case "Float.MIN_VALUE" -> "Float.MIN_NORMAL";
            case "Double.MIN_VALUE", "4.9E-324" -> "Double.MIN_NORMAL";
            default -> e;
        };
    }

    private String leaf(String type) {
        String v = varOf(type);
        if (type.equals("boolean")) return boolExpr(1);
        if (v != null && rnd.nextInt(3) != 0) return v;
        return switch (type) {
            case "int" -> pick(INT_EDGES);
            case "long" -> pick(LONG_EDGES);
            case "float" -> edge(FLOAT_EDGES);
            default -> edge(DOUBLE_EDGES);
        };
    }

    private String intExpr(int d) {
        String a = expr("int", d - 1), b = expr("int", d - 1);
        return switch (rnd.nextInt(14)) {
            case 0 -> "(" + a + " + " + b + ")";
            case 1 -> "(" + a + " - " + b + ")";
            case 2 -> "(" + a + " * " + b + ")";
            case 3 -> "(" + a + " / (" + b + " | 1))";
            case 4 -> "(" + a + " % (" + b + " | 1))";
            case 5 -> "(" + a + " " + pick(new String[] {"<<", ">>", ">>>"}) + " " + b + ")";
            case 6 -> "(" + a + " " + pick(new String[] {"&", "|", "^"}) + " " + b + ")";
            case 7 -> pick(new String[] {"-", "~"}) + "(" + a + ")";
            case 8 -> "(int) " + expr(pick(new String[] {"long", "float", "double"}), d - 1);
            case 9 -> "Math." + pick(new String[] {"min", "max"}) + "(" + a + ", " + b + ")";
            case 10 -> "Math.abs(" + a + ")";
            case 11 -> "(" + expr("boolean", d - 1) + " ? " + a + " : " + b + ")";
            case 12 -> {
                // a float's bits as an int; a NaN's bits are not Java's to define (payloads differ by platform), so NaN reads as one value
                String f = "(Math.abs(" + expr("float", d - 1) + ") + 1.0f)";
                yield "(" + f + " != " + f + " ? 0x7fc00000 : Float.floatToRawIntBits" + f + ")";
            }
            default -> "(" + a + " >> (" + expr("long", d - 1) + " == 0L ? 1 : 31))";
        };
    }

    private String longExpr(int d) {
        String a = expr("long", d - 1), b = expr("long", d - 1);
        return switch (rnd.nextInt(12)) {
            case 0 -> "(" + a + " + " + b + ")";
            case 1 -> "(" + a + " - " + b + ")";
            case 2 -> "(" + a + " * " + b + ")";
            case 3 -> "(" + a + " / (" + b + " | 1L))";
            case 4 -> "(" + a + " % (" + b + " | 1L))";
            case 5 -> "(" + a + " " + pick(new String[] {"<<", ">>", ">>>"}) + " " + expr(rnd.nextBoolean() ? "int" : "long", d - 1) + ")";
            case 6 -> "(" + a + " " + pick(new String[] {"&", "|", "^"}) + " " + b + ")";
            case 7 -> pick(new String[] {"-", "~"}) + "(" + a + ")";
            case 8 -> "(long) " + expr(pick(new String[] {"int", "float", "double"}), d - 1);
            case 9 -> "Math." + pick(new String[] {"min", "max"}) + "(" + a + ", " + b + ")";
            case 10 -> "Math.abs(" + a + ")";
            default -> "(" + expr("boolean", d - 1) + " ? " + a + " : " + b + ")";
        };
    }

    private String fpExpr(String t, int d) {
        String a = expr(t, d - 1), b = expr(t, d - 1);
        String other = t.equals("float") ? "double" : "float";
        return switch (rnd.nextInt(14)) {
            case 0 -> "(" + a + " + " + b + ")";
            case 1 -> "(" + a + " - " + b + ")";
            case 2 -> "(" + a + " * " + b + ")";
            case 3 -> "(" + a + " / " + b + ")";
            case 4 -> "(" + a + " % " + b + ")";
            case 5 -> "-(" + a + ")";
            case 6 -> "(" + t + ") " + expr(pick(new String[] {"int", "long", other}), d - 1);
            case 7 -> "Math." + pick(new String[] {"min", "max"}) + "(" + a + ", " + b + ")";
            case 8 -> "Math.abs(" + a + ")";
            case 9 -> "(" + expr("boolean", d - 1) + " ? " + a + " : " + b + ")";
            case 10 -> t.equals("double") ? "Math." + pick(new String[] {"sqrt", "floor", "ceil", "rint"}) + "(" + a + ")"
                    : "(float) Math." + pick(new String[] {"floor", "ceil"}) + "(" + a + ")";
            // Math.copySign leaves the sign a NaN gives unspecified (HotSpot reads its bit, a device may not)
            case 11 -> t.equals("float") ? "Float.intBitsToFloat(" + expr("int", d - 1) + (normalOnly ? " & 0x7f7fffff | 0x00800000)" : " & 0x7f7fffff)")
                    : "Math.copySign(" + a + ", (" + b + " != " + b + " ? 1.0 : " + b + "))";
            default -> "(" + a + " * " + b + " + " + expr(t, d - 1) + ")";
        };
    }

    private String boolExpr(int d) {
        if (d <= 0 || rnd.nextInt(3) == 0) {
            String t = pick(new String[] {"int", "long", "float", "double"});
            return "(" + leaf(t) + " " + pick(new String[] {"<", "<=", ">", ">=", "==", "!="}) + " " + leaf(t) + ")";
        }
        return switch (rnd.nextInt(5)) {
            case 0 -> "(" + expr("boolean", d - 1) + " && " + expr("boolean", d - 1) + ")";
            case 1 -> "(" + expr("boolean", d - 1) + " || " + expr("boolean", d - 1) + ")";
            case 2 -> "!" + expr("boolean", d - 1);
            default -> {
                String t = pick(new String[] {"int", "long", "float", "double"});
                yield "(" + expr(t, d - 1) + " " + pick(new String[] {"<", "<=", ">", ">=", "==", "!="}) + " " + expr(t, d - 1) + ")";
            }
        };
    }

    private String pick(String[] a) { return a[rnd.nextInt(a.length)]; }
}
