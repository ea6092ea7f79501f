package dev.mamba2j.tornado.emit.ptx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Java's floating remainder and the double math functions, which PTX has no instruction for, as
 * PTX {@code .func}s: printed once per module, before the kernel, when the kernel calls them
 * ({@code call.uni}). Each function is one method below; the algorithm is mirrored step by step in
 * plain Java by the tests (LibmMirror) and checked there against StrictMath and Math, with the same
 * constants, which live here.
 *
 * <ul>
 * <li>{@code j_fmodd}, {@code j_fmodf}: Java's % (C's fmod), exact: long division of the integer
 *     significands, a chunk of up to clz(my) bits per 64-bit {@code rem}. float % is the double
 *     remainder of the widened operands, which is exact and therefore a float.</li>
 * <li>{@code j_exp2d}: exp(hi + lo); Cody-Waite reduction by k ln 2, Taylor polynomial of degree 13
 *     on |r| <= ln2/2, scaling by 2^k in two exact steps (subnormal results round once).</li>
 * <li>{@code j_logdd}: log(x) as a double-double, from 2 atanh(s), s = (m - 1) / (m + 1),
 *     m in [sqrt(1/2), sqrt(2)); s and the terms 2s and 2s^3/3 in double-double, the rest of the
 *     series (below 4e-4 of the result) in double.</li>
 * <li>{@code j_powd}, {@code j_powf}: exp(y log|x|) with the product in double-double, then Java's
 *     special cases; float pow is the double pow of the widened operands, rounded.</li>
 * <li>{@code j_tanhd}: x + x^3 P(x^2) (Taylor) below 0.55, em / (em + 2) above, em = expm1(2|x|) from the
 *     same reduction as exp (one rounding).</li>
 * <li>{@code j_sincosd}: below 2^20, k = rint(x 2/pi), r = x - k pi/2 as a double-double with pi/2
 *     in four parts (fdlibm's, the first three of 33 bits: the products with k are exact); from 2^20
 *     on, Payne-Hanek with a table of 2/pi (1216 bits) and 64-bit integer products; then the sin or
 *     cos Taylor kernel of the quadrant, corrected for the low part of r.</li>
 * </ul>
 */
final class PtxLibm {
    static final long FRAC_MASK = 0x000FFFFFFFFFFFFFL, HIDDEN = 0x0010000000000000L;
    /** The fraction bits of sqrt(2): a significand at least this is halved before the log series. */
    static final long SQRT2_FRAC = 0x6A09E667F3BCDL;
    static final double LOG2E = 1.4426950408889634, TWO_OVER_PI = 0.6366197723675814;
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI has 32 significant bits, so k LN2_HI is exact for |k| < 2^21. */
    static final double LN2_HI = Double.longBitsToDouble(0x3FE62E42FEE00000L), LN2_LO = Double.longBitsToDouble(0x3DEA39EF35793C76L);
    /** pi/2 in four parts (fdlibm's pio2_1, pio2_2, pio2_3, pio2_3t). */
    static final double PIO2_1 = Double.longBitsToDouble(0x3FF921FB54400000L), PIO2_2 = Double.longBitsToDouble(0x3DD0B4611A600000L),
            PIO2_3 = Double.longBitsToDouble(0x3BA3198A2E000000L), PIO2_3T = Double.longBitsToDouble(0x397B839A252049C1L);
    /** sin/cos reduce |x| from here on by Payne-Hanek; below, k < 2^20 and the four-part pi/2 is exact enough. */
    static final double LARGE_REDUCTION = 0x1p20;
    /** pi/2 = PIO2_HI + PIO2_LO. */
    static final double PIO2_HI = Math.PI / 2, PIO2_LO = 6.123233995736766e-17;
    /** The bits of 2/pi after the binary point, preceded by one zero word: 20 words, 1216 bits. */
    static final long[] TWO_OVER_PI_BITS = twoOverPiBits(20);
    static final double TANH_SERIES_LIMIT = 0.55;
    /** 2|x| is capped here for tanh: tanh is 1 to the last bit from |x| = 19.1 on. */
    static final double TANH_EXP_LIMIT = 44;
    /** expm1(r) / r = sum r^n / (n + 1)!, n = 0..12, for |r| <= ln2/2. */
    static final double[] EXPM1_POLY = series(13, n -> 1 / factorial(n + 1));
    /** exp(r) = sum r^n / n!, n = 0..13: the next term is below 2^-57 for |r| <= ln2/2. */
    static final double[] EXP_POLY = series(14, n -> 1 / factorial(n));
    /** (log(m) - 2s - 2s^3/3) / (s z^2) = 2/5 + 2z/7 + ... + 2z^9/23, z = s^2 <= 0.0295. */
    static final double[] LOG_POLY = series(10, k -> 2.0 / (2 * k + 5));
    /** 2/3 = TWO_THIRDS_HI + TWO_THIRDS_LO. */
    static final double TWO_THIRDS_HI = 2.0 / 3, TWO_THIRDS_LO = Math.fma(-3, TWO_THIRDS_HI, 2) / 3;
    /** sin(r) = r + r z S(z), S = -1/3! + z/5! - ... to z^8/19!, |r| <= pi/4. */
    static final double[] SIN_POLY = series(9, k -> ((k & 1) == 0 ? -1 : 1) / factorial(2 * k + 3));
    /** cos(r) = 1 - z/2 + z^2 C(z), C = 1/4! - z/6! + ... to z^8/20!. */
    static final double[] COS_POLY = series(9, k -> ((k & 1) == 0 ? 1 : -1) / factorial(2 * k + 4));
    /** (tanh(x) - x) / x^3 in z = x^2: c1..c18 (x^37); the next term is below 2^-54 relative at |x| = 0.55. */
    static final double[] TANH_POLY = java.util.Arrays.copyOfRange(tanhSeries(19), 1, 19);

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }

    private static double[] series(int n, java.util.function.IntToDoubleFunction term) {
        double[] c = new double[n];
        for (int k = 0; k < n; k++) c[k] = term.applyAsDouble(k);
        return c;
    }

    /** floor(2/pi 2^(64 (words - 1))) as 64-bit words, most significant first, after a zero word; pi by Machin's formula. */
    private static long[] twoOverPiBits(int words) {
        int bits = 64 * words + 64;
        java.math.BigInteger one = java.math.BigInteger.ONE.shiftLeft(bits);
        java.math.BigInteger pi = arctanInverse(5, one).multiply(java.math.BigInteger.valueOf(16))
                .subtract(arctanInverse(239, one).multiply(java.math.BigInteger.valueOf(4)));   // pi 2^bits
        java.math.BigInteger v = one.shiftLeft(bits + 1).divide(pi).shiftRight(bits - 64 * (words - 1)); // 2/pi 2^(64(words-1))
        long[] w = new long[words];
        for (int i = words - 1; i >= 1; i--) {
            w[i] = v.longValue();
            v = v.shiftRight(64);
        }
        return w;
    }

    /** atan(1/n) scaled by {@code one}, by its Taylor series in fixed point (guard bits are in the caller's extra word). */
    private static java.math.BigInteger arctanInverse(int n, java.math.BigInteger one) {
        java.math.BigInteger nn = java.math.BigInteger.valueOf((long) n * n), term = one.divide(java.math.BigInteger.valueOf(n)),
                sum = term;
        for (int k = 1; term.signum() != 0; k++) {
            term = term.divide(nn);
            java.math.BigInteger t = term.divide(java.math.BigInteger.valueOf(2L * k + 1));
            sum = (k & 1) == 1 ? sum.subtract(t) : sum.add(t);
        }
        return sum;
    }

    /** Odd coefficients of tanh from tanh' = 1 - tanh^2: (n+1) a(n+1) = -sum a(i) a(n-i). */
    private static double[] tanhSeries(int terms) {
        int top = 2 * terms;
        double[] a = new double[top + 1];
        a[1] = 1;
        for (int n = 2; n < top; n += 2) {
            double sum = 0;
            for (int i = 1; i < n; i++) sum += a[i] * a[n - i];
            a[n + 1] = -sum / (n + 1);
        }
        double[] c = new double[terms];
        for (int k = 0; k < terms; k++) c[k] = a[2 * k + 1];
        return c;
    }

    // ---------------------------------------------------------------- module bookkeeping

    /** Printing order (callees first) and what each function calls. */
    private static final List<String> ORDER = List.of("j_fmodd", "j_fmodf", "j_exp2d", "j_expd", "j_logdd", "j_logd",
            "j_powd", "j_powf", "j_tanhd", "j_sincosd", "j_sind", "j_cosd");
    private static final Map<String, List<String>> CALLS = Map.of("j_fmodf", List.of("j_fmodd"), "j_expd", List.of("j_exp2d"),
            "j_logd", List.of("j_logdd"), "j_powd", List.of("j_logdd", "j_exp2d"), "j_powf", List.of("j_powd"),
            "j_sind", List.of("j_sincosd"), "j_cosd", List.of("j_sincosd"));

    private final Set<String> used = new LinkedHashSet<>();

    /** Notes that the module calls {@code name} (and so everything it calls). */
    void use(String name) {
        if (!ORDER.contains(name)) throw new IllegalArgumentException(name);
        if (used.add(name)) CALLS.getOrDefault(name, List.of()).forEach(this::use);
    }

    /**
     * {@code dst = name(args)}: notes the use and prints the call. Immediate arguments are moved
     * into registers first, so every argument has the register type the function declares.
     */
    void call(PtxWriter w, String name, String dst, String... args) {
        use(name);
        String[] regs = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("%")) {
                regs[i] = args[i];
            } else {
                String t = args[i].startsWith("0d") ? "f64" : "f32";
                regs[i] = w.temp(t);
                w.op("mov." + t + " " + regs[i] + ", " + args[i]);
            }
        }
        w.op("call.uni (" + dst + "), " + name + ", (" + String.join(", ", regs) + ")");
    }

    /** The {@code .func} definitions of the functions used, callees first, each under a comment line; empty if none. */
    String functions() {
        StringBuilder sb = new StringBuilder();
        for (String name : ORDER)
            if (used.contains(name)) sb.append("// ").append(SUMMARY.get(name)).append('\n').append(function(name)).append('\n');
        return sb.toString();
    }

    private static final Map<String, String> SUMMARY = Map.ofEntries(
            Map.entry("j_fmodd", "Java's double %, exact: long division of the integer significands"),
            Map.entry("j_fmodf", "Java's float %: the exact double remainder of the widened operands"),
            Map.entry("j_exp2d", "exp(hi + lo): reduction by k ln2, degree-13 polynomial, scaling by 2^k in two steps"),
            Map.entry("j_expd", "Math.exp on double"),
            Map.entry("j_logdd", "log(x) as the double-double {hi, lo}"),
            Map.entry("j_logd", "Math.log on double"),
            Map.entry("j_powd", "Math.pow on double: exp(y log|x|) in double-double, Java's special cases"),
            Map.entry("j_powf", "Math.pow on float: the double pow of the widened operands, rounded"),
            Map.entry("j_tanhd", "Math.tanh on double: odd series below 0.55, em / (em + 2), em = expm1(2|x|), above"),
            Map.entry("j_sincosd", "sin (q = 0) or cos (q = 1): reduction by k pi/2 to a double-double (Payne-Hanek from 2^20), polynomial kernels"),
            Map.entry("j_sind", "Math.sin on double"),
            Map.entry("j_cosd", "Math.cos on double"));

    /** Every function, for tests. */
    static List<String> names() { return ORDER; }

    static String function(String name) {
        return switch (name) {
            case "j_fmodd" -> func("f64 r", name, "f64 x, f64 y", PtxLibm::fmodd);
            case "j_fmodf" -> func("f32 r", name, "f32 x, f32 y", w -> {
                String a = w.temp("f64"), b = w.temp("f64"), q = w.temp("f64");
                w.op("cvt.f64.f32 " + a + ", x");
                w.op("cvt.f64.f32 " + b + ", y");
                w.op("call.uni (" + q + "), j_fmodd, (" + a + ", " + b + ")");
                w.op("cvt.rn.f32.f64 r, " + q);
            });
            case "j_exp2d" -> func("f64 r", name, "f64 hi, f64 lo", PtxLibm::exp2d);
            case "j_expd" -> func("f64 r", name, "f64 x", w -> w.op("call.uni (r), j_exp2d, (x, 0d0000000000000000)"));
            case "j_logdd" -> func("param .align 8 .b8 out[16]", name, "f64 x", PtxLibm::logdd);
            case "j_logd" -> func("f64 r", name, "f64 x", w -> {
                w.op("ld.param.f64 r, [" + logdd(w, "x") + "]");
                w.line("}");
            });
            case "j_powd" -> func("f64 r", name, "f64 x, f64 y", PtxLibm::powd);
            case "j_powf" -> func("f32 r", name, "f32 x, f32 y", w -> {
                String a = w.temp("f64"), b = w.temp("f64"), q = w.temp("f64");
                w.op("cvt.f64.f32 " + a + ", x");
                w.op("cvt.f64.f32 " + b + ", y");
                w.op("call.uni (" + q + "), j_powd, (" + a + ", " + b + ")");
                w.op("cvt.rn.f32.f64 r, " + q);
            });
            case "j_tanhd" -> func("f64 r", name, "f64 x", PtxLibm::tanhd);
            case "j_sincosd" -> twoOverPiTable() + func("f64 r", name, "f64 x, s32 q", PtxLibm::sincosd);
            case "j_sind" -> func("f64 r", name, "f64 x", w -> w.op("call.uni (r), j_sincosd, (x, 0)"));
            case "j_cosd" -> func("f64 r", name, "f64 x", w -> w.op("call.uni (r), j_sincosd, (x, 1)"));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A {@code .func} with register parameters ("f64 x" becomes {@code .reg .f64 x}) and the body written by {@code body}. */
    private static String func(String result, String name, String params, Consumer<PtxWriter> body) {
        PtxWriter w = new PtxWriter();
        body.accept(w);
        List<String> ps = new ArrayList<>();
        for (String p : params.split(", ")) ps.add(reg(p));
        return ".func (" + (result.startsWith("param ") ? "." + result : reg(result)) + ") " + name + "(" + String.join(", ", ps)
                + ")\n{\n" + w.tempDeclarations() + w.body() + "    ret;\n}\n";
    }

    private static String reg(String typed) { return ".reg ." + typed; }

    private static String d(double v) { return String.format("0d%016X", Double.doubleToRawLongBits(v)); }

    private static final String NAN = "0d7FF8000000000000", INF = "0d7FF0000000000000", ONE = "0d3FF0000000000000",
            ZERO = "0d0000000000000000";

    /**
     * Payne-Hanek reduction of a finite |x| >= 2^20 (see LibmMirror.largeReduction for the same
     * steps in Java): sets rh + rl = x - j pi/2 and quad = j mod 4, x's sign applied.
     */
    private static void largeReduction(PtxWriter w, String ax, String rh, String rl, String quad) {
        // |x| = m 2^e; the window of 2/pi starts at table bit g = e + 62 = word * 64 + sh
        String bits = w.temp("s64"), m = w.temp("s64"), eb = w.temp("s64"), g = w.temp("s32"), word = w.temp("s32"),
                sh = w.temp("s32"), rsh = w.temp("s32"), addr = w.temp("u64"), off = w.temp("u64");
        w.op("mov.b64 " + bits + ", " + ax);
        w.op("and.b64 " + m + ", " + bits + ", " + FRAC_MASK);
        w.op("or.b64 " + m + ", " + m + ", " + HIDDEN);
        w.op("shr.u64 " + eb + ", " + bits + ", 52");
        w.op("cvt.u32.u64 " + g + ", " + eb);
        w.op("add.s32 " + g + ", " + g + ", " + (62 - 1075));
        w.op("shr.s32 " + word + ", " + g + ", 6");
        w.op("and.b32 " + sh + ", " + g + ", 63");
        w.op("sub.s32 " + rsh + ", 64, " + sh);
        w.op("mov.u64 " + addr + ", j_two_over_pi");
        w.op("mul.wide.s32 " + off + ", " + word + ", 8");
        w.op("add.u64 " + addr + ", " + addr + ", " + off);
        String[] t = new String[4];
        for (int i = 0; i < 4; i++) {
            t[i] = w.temp("s64");
            w.op("ld.const.u64 " + t[i] + ", [" + addr + "+" + 8 * i + "]");
        }
        // window words w0 w1 w2 (a shift by 64 gives 0 in PTX, so sh = 0 needs no special case)
        String[] win = new String[3];
        for (int i = 0; i < 3; i++) {
            String a = w.temp("s64"), b = w.temp("s64");
            w.op("shl.b64 " + a + ", " + t[i] + ", " + sh);
            w.op("shr.u64 " + b + ", " + t[i + 1] + ", " + rsh);
            w.op("or.b64 " + a + ", " + a + ", " + b);
            win[i] = a;
        }
        // m (w0, w1, w2) modulo 2^192 = (r0, r1, r2)
        String r0 = w.temp("s64"), r1 = w.temp("s64"), r2 = w.temp("s64"), lo1 = w.temp("s64"), carry = w.temp("pred"),
                c = w.temp("s64");
        w.op("mul.lo.u64 " + r2 + ", " + m + ", " + win[2]);
        w.op("mul.hi.u64 " + r1 + ", " + m + ", " + win[2]);
        w.op("mul.lo.u64 " + lo1 + ", " + m + ", " + win[1]);
        w.op("add.u64 " + r1 + ", " + r1 + ", " + lo1);
        w.op("setp.lt.u64 " + carry + ", " + r1 + ", " + lo1);
        w.op("selp.u64 " + c + ", 1, 0, " + carry);
        w.op("mul.hi.u64 " + r0 + ", " + m + ", " + win[1]);
        w.op("mad.lo.u64 " + r0 + ", " + m + ", " + win[0] + ", " + r0);
        w.op("add.u64 " + r0 + ", " + r0 + ", " + c);
        // quadrant: the top two bits; the fraction: the next 128 (fh, fl), read as signed: minus 1 from 1/2 up
        String ql = w.temp("s64"), fh = w.temp("s64"), fl = w.temp("s64"), u = w.temp("s64"), up = w.temp("pred"),
                inc = w.temp("s32");
        w.op("shr.u64 " + ql + ", " + r0 + ", 62");
        w.op("cvt.u32.u64 " + quad + ", " + ql);
        w.op("shl.b64 " + fh + ", " + r0 + ", 2");
        w.op("shr.u64 " + u + ", " + r1 + ", 62");
        w.op("or.b64 " + fh + ", " + fh + ", " + u);
        w.op("shl.b64 " + fl + ", " + r1 + ", 2");
        w.op("shr.u64 " + u + ", " + r2 + ", 62");
        w.op("or.b64 " + fl + ", " + fl + ", " + u);
        w.op("setp.lt.s64 " + up + ", " + fh + ", 0");
        w.op("selp.s32 " + inc + ", 1, 0, " + up);
        w.op("add.s32 " + quad + ", " + quad + ", " + inc);
        // the fraction as th + tl: a = fh rounded, the rest of fh exact as an integer, then fl
        String a = w.temp("f64"), al = w.temp("s64"), remd = w.temp("f64"), fld = w.temp("f64"), b = w.temp("f64"),
                th = w.temp("f64"), tl = w.temp("f64");
        w.op("cvt.rn.f64.s64 " + a + ", " + fh);
        w.op("cvt.rzi.s64.f64 " + al + ", " + a);
        w.op("sub.s64 " + al + ", " + fh + ", " + al);
        w.op("cvt.rn.f64.s64 " + remd + ", " + al);
        w.op("cvt.rn.f64.u64 " + fld + ", " + fl);
        w.op("fma.rn.f64 " + b + ", " + remd + ", " + d(0x1p64) + ", " + fld);
        w.op("mul.rn.f64 " + th + ", " + a + ", " + d(0x1p-64));
        w.op("mul.rn.f64 " + tl + ", " + b + ", " + d(0x1p-128));
        // times pi/2 in double-double, renormalised
        String h = w.temp("f64"), nrh = w.temp("f64"), neg = w.temp("pred");
        w.op("mul.rn.f64 " + rh + ", " + th + ", " + d(PIO2_HI));
        w.op("neg.f64 " + nrh + ", " + rh);
        w.op("fma.rn.f64 " + rl + ", " + th + ", " + d(PIO2_HI) + ", " + nrh);
        w.op("fma.rn.f64 " + rl + ", " + th + ", " + d(PIO2_LO) + ", " + rl);
        w.op("fma.rn.f64 " + rl + ", " + tl + ", " + d(PIO2_HI) + ", " + rl);
        w.op("add.rn.f64 " + h + ", " + rh + ", " + rl);
        w.op("sub.rn.f64 " + nrh + ", " + h + ", " + rh);
        w.op("sub.rn.f64 " + rl + ", " + rl + ", " + nrh);
        w.op("mov.f64 " + rh + ", " + h);
        // negative x: -rh, -rl, -j
        w.op("setp.lt.f64 " + neg + ", x, " + ZERO);
        w.op("@" + neg + " neg.f64 " + rh + ", " + rh);
        w.op("@" + neg + " neg.f64 " + rl + ", " + rl);
        w.op("@" + neg + " neg.s32 " + quad + ", " + quad);
    }

    /** The table of {@link #TWO_OVER_PI_BITS} as a module constant. */
    private static String twoOverPiTable() {
        StringBuilder sb = new StringBuilder(".const .align 8 .u64 j_two_over_pi[" + TWO_OVER_PI_BITS.length + "] = {");
        for (int i = 0; i < TWO_OVER_PI_BITS.length; i++)
            sb.append(i % 4 == 0 ? "\n    " : " ").append(String.format("0x%016X", TWO_OVER_PI_BITS[i]))
                    .append(i + 1 < TWO_OVER_PI_BITS.length ? "," : "");
        return sb.append("\n};\n").toString();
    }

    /** p = c[0] + z (c[1] + ...) by fma, into a fresh register. */
    private static String horner(PtxWriter w, double[] c, String z) {
        String p = w.temp("f64");
        w.op("mov.f64 " + p + ", " + d(c[c.length - 1]));
        for (int i = c.length - 2; i >= 0; i--) w.op("fma.rn.f64 " + p + ", " + p + ", " + z + ", " + d(c[i]));
        return p;
    }

    // ---------------------------------------------------------------- the functions

    /** Java's x % y, exact; see LibmMirror.fmod for the same steps in Java. */
    private static void fmodd(PtxWriter w) {
        String ax = w.temp("f64"), ay = w.temp("f64"), bad = w.temp("pred"), small = w.temp("pred");
        w.op("abs.f64 " + ax + ", x");
        w.op("abs.f64 " + ay + ", y");
        // NaN for a NaN operand, y = 0 or infinite x; x itself where |x| < |y| (y infinite included)
        w.op("setp.nan.f64 " + bad + ", x, y");
        w.op("setp.eq.or.f64 " + bad + ", " + ay + ", " + ZERO + ", " + bad);
        w.op("setp.eq.or.f64 " + bad + ", " + ax + ", " + INF + ", " + bad);
        w.op("mov.f64 r, " + NAN);
        w.op("@" + bad + " bra DONE");
        w.op("mov.f64 r, x");
        w.op("setp.lt.f64 " + small + ", " + ax + ", " + ay);
        w.op("@" + small + " bra DONE");
        // |x| = mx 2^ex and |y| = my 2^ey with integer significands (subnormals: no hidden bit, exponent of biased 1)
        String mx = significand(w, ax), ex = w.temp("s64");
        w.op("mov.b64 " + ex + ", " + ax);
        lsbExponent(w, ex);
        String my = significand(w, ay), ey = w.temp("s64");
        w.op("mov.b64 " + ey + ", " + ay);
        lsbExponent(w, ey);
        // r = (mx 2^(ex - ey)) mod my, shifting in at most clz(my) bits before each remainder
        String dl = w.temp("s64"), dd = w.temp("s32"), room = w.temp("s32"), s = w.temp("s32"), rem = w.temp("s64"),
                more = w.temp("pred");
        w.op("sub.s64 " + dl + ", " + ex + ", " + ey);
        w.op("cvt.u32.u64 " + dd + ", " + dl);
        w.op("rem.u64 " + rem + ", " + mx + ", " + my);
        w.op("clz.b64 " + room + ", " + my);
        w.label("LOOP");
        w.op("setp.gt.s32 " + more + ", " + dd + ", 0");
        w.op("@!" + more + " bra SCALE");
        w.op("min.s32 " + s + ", " + dd + ", " + room);
        w.op("shl.b64 " + rem + ", " + rem + ", " + s);
        w.op("rem.u64 " + rem + ", " + rem + ", " + my);
        w.op("sub.s32 " + dd + ", " + dd + ", " + s);
        w.op("bra LOOP");
        // the remainder is rem 2^ey, representable, so one exact multiply; 2^ey is subnormal below -1022
        w.label("SCALE");
        String normal = w.temp("pred"), nb = w.temp("s64"), sb = w.temp("s64"), sh = w.temp("s32"), scale = w.temp("f64"),
                v = w.temp("f64");
        w.op("add.s64 " + nb + ", " + ey + ", 1023");
        w.op("shl.b64 " + nb + ", " + nb + ", 52");
        w.op("cvt.u32.u64 " + sh + ", " + ey);
        w.op("add.s32 " + sh + ", " + sh + ", 1074");
        w.op("shl.b64 " + sb + ", 1, " + sh);
        w.op("setp.ge.s64 " + normal + ", " + ey + ", -1022");
        w.op("selp.b64 " + nb + ", " + nb + ", " + sb + ", " + normal);
        w.op("mov.b64 " + scale + ", " + nb);
        w.op("cvt.rn.f64.u64 " + v + ", " + rem);
        w.op("mul.rn.f64 " + v + ", " + v + ", " + scale);
        w.op("copysign.f64 r, x, " + v);
        w.label("DONE");
    }

    /** The integer significand of a non-negative finite double: fraction bits, plus the hidden bit unless subnormal. */
    private static String significand(PtxWriter w, String v) {
        String m = w.temp("s64"), withHidden = w.temp("s64"), normal = w.temp("pred");
        w.op("mov.b64 " + m + ", " + v);
        w.op("setp.ge.u64 " + normal + ", " + m + ", " + HIDDEN);
        w.op("and.b64 " + m + ", " + m + ", " + FRAC_MASK);
        w.op("or.b64 " + withHidden + ", " + m + ", " + HIDDEN);
        w.op("selp.b64 " + m + ", " + withHidden + ", " + m + ", " + normal);
        return m;
    }

    /** Bits of a non-negative double to the exponent of its significand's last bit: max(biased, 1) - 1075. */
    private static void lsbExponent(PtxWriter w, String e) {
        w.op("shr.u64 " + e + ", " + e + ", 52");
        w.op("max.s64 " + e + ", " + e + ", 1");
        w.op("sub.s64 " + e + ", " + e + ", 1075");
    }

    /** exp(hi + lo): see LibmMirror.exp. */
    private static void exp2d(PtxWriter w) {
        String xc = w.temp("f64"), k = w.temp("f64"), nk = w.temp("f64"), r = w.temp("f64"), nan = w.temp("pred");
        w.op("setp.nan.f64 " + nan + ", hi, hi");
        w.op("max.f64 " + xc + ", hi, " + d(-746));                 // beyond these exp is 0 or infinite anyway
        w.op("min.f64 " + xc + ", " + xc + ", " + d(710));
        w.op("mul.rn.f64 " + k + ", " + xc + ", " + d(LOG2E));
        w.op("cvt.rni.f64.f64 " + k + ", " + k);
        w.op("neg.f64 " + nk + ", " + k);
        w.op("fma.rn.f64 " + r + ", " + nk + ", " + d(LN2_HI) + ", " + xc);   // exact
        w.op("fma.rn.f64 " + r + ", " + nk + ", " + d(LN2_LO) + ", " + r);
        w.op("add.rn.f64 " + r + ", " + r + ", lo");
        String p = horner(w, EXP_POLY, r);
        // times 2^k as 2^(k>>1) 2^(k - (k>>1)): both factors normal, the first product exact
        String ki = w.temp("s32"), k1 = w.temp("s32"), k2 = w.temp("s32");
        w.op("cvt.rzi.s32.f64 " + ki + ", " + k);
        w.op("shr.s32 " + k1 + ", " + ki + ", 1");
        w.op("sub.s32 " + k2 + ", " + ki + ", " + k1);
        w.op("mul.rn.f64 " + p + ", " + p + ", " + powerOfTwo(w, k1));
        w.op("mul.rn.f64 " + p + ", " + p + ", " + powerOfTwo(w, k2));
        w.op("selp.f64 r, hi, " + p + ", " + nan);
    }

    /** 2^e for a normal exponent e held in an s32 register. */
    private static String powerOfTwo(PtxWriter w, String e) {
        String b = w.temp("s64"), v = w.temp("f64");
        w.op("cvt.s64.s32 " + b + ", " + e);
        w.op("add.s64 " + b + ", " + b + ", 1023");
        w.op("shl.b64 " + b + ", " + b + ", 52");
        w.op("mov.b64 " + v + ", " + b);
        return v;
    }

    /** log(x) = hi + lo stored to the return parameter: see LibmMirror.logdd. */
    private static void logdd(PtxWriter w) {
        String sub = w.temp("pred"), xs = w.temp("f64"), bits = w.temp("s64"), e = w.temp("s32"), adj = w.temp("s32");
        // subnormal x: scale by 2^54 first
        w.op("setp.lt.f64 " + sub + ", x, " + d(0x1p-1022));
        w.op("mul.rn.f64 " + xs + ", x, " + d(0x1p54));
        w.op("selp.f64 " + xs + ", " + xs + ", x, " + sub);
        w.op("mov.b64 " + bits + ", " + xs);
        String hiBits = w.temp("s64");
        w.op("shr.u64 " + hiBits + ", " + bits + ", 52");
        w.op("cvt.u32.u64 " + e + ", " + hiBits);
        w.op("selp.s32 " + adj + ", 1077, 1023, " + sub);
        w.op("sub.s32 " + e + ", " + e + ", " + adj);
        // m in [sqrt(1/2), sqrt(2)): the fraction with exponent 0, or -1 (and e + 1) from sqrt(2) up
        String mant = w.temp("s64"), big = w.temp("pred"), m1 = w.temp("s64"), m2 = w.temp("s64"), bump = w.temp("s32"),
                m = w.temp("f64");
        w.op("and.b64 " + mant + ", " + bits + ", " + FRAC_MASK);
        w.op("setp.ge.u64 " + big + ", " + mant + ", " + SQRT2_FRAC);
        w.op("or.b64 " + m1 + ", " + mant + ", 0x3FF0000000000000");
        w.op("or.b64 " + m2 + ", " + mant + ", 0x3FE0000000000000");
        w.op("selp.b64 " + m1 + ", " + m2 + ", " + m1 + ", " + big);
        w.op("mov.b64 " + m + ", " + m1);
        w.op("selp.s32 " + bump + ", 1, 0, " + big);
        w.op("add.s32 " + e + ", " + e + ", " + bump);
        // s = f / (2 + f) = sh + sl, f = m - 1 exact, 2 + f = th + tl exact
        String f = w.temp("f64"), th = w.temp("f64"), tl = w.temp("f64"), sh = w.temp("f64"), nsh = w.temp("f64"),
                e1 = w.temp("f64"), sl = w.temp("f64");
        w.op("sub.rn.f64 " + f + ", " + m + ", " + ONE);
        w.op("add.rn.f64 " + th + ", " + f + ", " + d(2));
        w.op("sub.rn.f64 " + tl + ", " + th + ", " + d(2));
        w.op("sub.rn.f64 " + tl + ", " + f + ", " + tl);
        w.op("div.rn.f64 " + sh + ", " + f + ", " + th);
        w.op("neg.f64 " + nsh + ", " + sh);
        w.op("fma.rn.f64 " + e1 + ", " + nsh + ", " + th + ", " + f);
        w.op("fma.rn.f64 " + e1 + ", " + nsh + ", " + tl + ", " + e1);
        w.op("div.rn.f64 " + sl + ", " + e1 + ", " + th);
        // s^2 = zh + zl and s^3 = ch + cl in double-double (fma gives each product's rounding error)
        String zh = w.temp("f64"), zl = w.temp("f64"), ch = w.temp("f64"), cl = w.temp("f64"), u1 = w.temp("f64");
        w.op("mul.rn.f64 " + zh + ", " + sh + ", " + sh);
        w.op("neg.f64 " + u1 + ", " + zh);
        w.op("fma.rn.f64 " + zl + ", " + sh + ", " + sh + ", " + u1);
        w.op("add.rn.f64 " + u1 + ", " + sh + ", " + sh);
        w.op("fma.rn.f64 " + zl + ", " + u1 + ", " + sl + ", " + zl);
        w.op("mul.rn.f64 " + ch + ", " + zh + ", " + sh);
        w.op("neg.f64 " + u1 + ", " + ch);
        w.op("fma.rn.f64 " + cl + ", " + zh + ", " + sh + ", " + u1);
        w.op("fma.rn.f64 " + cl + ", " + zl + ", " + sh + ", " + cl);
        w.op("fma.rn.f64 " + cl + ", " + zh + ", " + sl + ", " + cl);
        // 2s^3/3 = th3 + tl3; the rest of the series, s^5 Q(z), in double
        String th3 = w.temp("f64"), tl3 = w.temp("f64"), rest = w.temp("f64");
        w.op("mul.rn.f64 " + th3 + ", " + ch + ", " + d(TWO_THIRDS_HI));
        w.op("neg.f64 " + u1 + ", " + th3);
        w.op("fma.rn.f64 " + tl3 + ", " + ch + ", " + d(TWO_THIRDS_HI) + ", " + u1);
        w.op("fma.rn.f64 " + tl3 + ", " + cl + ", " + d(TWO_THIRDS_HI) + ", " + tl3);
        w.op("fma.rn.f64 " + tl3 + ", " + ch + ", " + d(TWO_THIRDS_LO) + ", " + tl3);
        w.op("mul.rn.f64 " + rest + ", " + ch + ", " + zh);
        w.op("mul.rn.f64 " + rest + ", " + rest + ", " + horner(w, LOG_POLY, zh));
        // log(m) = 2 atanh(s) = 2sh + th3 + (2sl + tl3 + rest) = lmh + lml
        String a2 = w.temp("f64"), lmh = w.temp("f64"), lml = w.temp("f64");
        w.op("add.rn.f64 " + a2 + ", " + sh + ", " + sh);
        w.op("add.rn.f64 " + lmh + ", " + a2 + ", " + th3);
        w.op("sub.rn.f64 " + lml + ", " + lmh + ", " + a2);
        w.op("sub.rn.f64 " + lml + ", " + th3 + ", " + lml);
        w.op("fma.rn.f64 " + lml + ", " + sl + ", " + d(2) + ", " + lml);
        w.op("add.rn.f64 " + lml + ", " + lml + ", " + tl3);
        w.op("add.rn.f64 " + lml + ", " + lml + ", " + rest);
        // + e ln 2: e LN2_HI exact, two-sum with lmh, the small parts added, renormalised
        String ed = w.temp("f64"), eh = w.temp("f64"), el = w.temp("f64"), s = w.temp("f64"), bb = w.temp("f64"),
                err = w.temp("f64"), u = w.temp("f64"), lo = w.temp("f64"), hi = w.temp("f64");
        w.op("cvt.rn.f64.s32 " + ed + ", " + e);
        w.op("mul.rn.f64 " + eh + ", " + ed + ", " + d(LN2_HI));
        w.op("mul.rn.f64 " + el + ", " + ed + ", " + d(LN2_LO));
        w.op("add.rn.f64 " + s + ", " + eh + ", " + lmh);
        w.op("sub.rn.f64 " + bb + ", " + s + ", " + eh);
        w.op("sub.rn.f64 " + u + ", " + s + ", " + bb);
        w.op("sub.rn.f64 " + u + ", " + eh + ", " + u);
        w.op("sub.rn.f64 " + err + ", " + lmh + ", " + bb);
        w.op("add.rn.f64 " + err + ", " + u + ", " + err);
        w.op("add.rn.f64 " + lo + ", " + err + ", " + lml);
        w.op("add.rn.f64 " + lo + ", " + lo + ", " + el);
        w.op("add.rn.f64 " + hi + ", " + s + ", " + lo);
        w.op("sub.rn.f64 " + u + ", " + hi + ", " + s);
        w.op("sub.rn.f64 " + lo + ", " + lo + ", " + u);
        // specials: log(0) = -inf, log(+inf) = +inf, NaN below 0 and for NaN; lo = 0 for all of them
        String pos = w.temp("pred"), zero = w.temp("pred"), inf = w.temp("pred"), sp = w.temp("f64");
        w.op("setp.gt.f64 " + pos + ", x, " + ZERO);
        w.op("setp.eq.f64 " + zero + ", x, " + ZERO);
        w.op("setp.eq.f64 " + inf + ", x, " + INF);
        w.op("selp.f64 " + sp + ", 0dFFF0000000000000, " + NAN + ", " + zero);
        w.op("selp.f64 " + hi + ", " + hi + ", " + sp + ", " + pos);
        w.op("selp.f64 " + lo + ", " + lo + ", " + ZERO + ", " + pos);
        w.op("selp.f64 " + hi + ", " + INF + ", " + hi + ", " + inf);
        w.op("selp.f64 " + lo + ", " + ZERO + ", " + lo + ", " + inf);
        w.op("st.param.f64 [out], " + hi);
        w.op("st.param.f64 [out+8], " + lo);
    }

    /**
     * Opens a scope and calls j_logdd on register x; returns the name of its result parameter (hi
     * at +0, lo at +8). The caller reads it and closes the scope.
     */
    private static String logdd(PtxWriter w, String x) {
        w.line("{");
        w.op(".param .align 8 .b8 lg[16]");
        w.op("call.uni (lg), j_logdd, (" + x + ")");
        return "lg";
    }

    /** Java's Math.pow: see LibmMirror.pow. */
    private static void powd(PtxWriter w) {
        String ax = w.temp("f64"), lh = w.temp("f64"), ll = w.temp("f64");
        w.op("abs.f64 " + ax + ", x");
        String lg = logdd(w, ax);
        w.op("ld.param.f64 " + lh + ", [" + lg + "]");
        w.op("ld.param.f64 " + ll + ", [" + lg + "+8]");
        w.line("}");
        // y log|x| = ph + pl; pl = 0 where |ph| >= 1024: exp is 0 or infinite there, and pl may be huge or NaN
        String ph = w.temp("f64"), nph = w.temp("f64"), pl = w.temp("f64"), aph = w.temp("f64"), fin = w.temp("pred"),
                res = w.temp("f64");
        w.op("mul.rn.f64 " + ph + ", y, " + lh);
        w.op("neg.f64 " + nph + ", " + ph);
        w.op("fma.rn.f64 " + pl + ", y, " + lh + ", " + nph);
        w.op("fma.rn.f64 " + pl + ", y, " + ll + ", " + pl);
        w.op("abs.f64 " + aph + ", " + ph);
        w.op("setp.lt.f64 " + fin + ", " + aph + ", " + d(1024));
        w.op("selp.f64 " + pl + ", " + pl + ", " + ZERO + ", " + fin);
        w.op("call.uni (" + res + "), j_exp2d, (" + ph + ", " + pl + ")");
        // y integral (true for infinities too), odd (only below 2^53)
        String ay = w.temp("f64"), yi = w.temp("f64"), isInt = w.temp("pred"), yl = w.temp("s64"), odd = w.temp("pred"),
                below = w.temp("pred");
        w.op("abs.f64 " + ay + ", y");
        w.op("cvt.rzi.f64.f64 " + yi + ", y");
        w.op("setp.eq.f64 " + isInt + ", " + yi + ", y");
        w.op("cvt.rzi.s64.f64 " + yl + ", y");
        w.op("and.b64 " + yl + ", " + yl + ", 1");
        w.op("setp.ne.s64 " + odd + ", " + yl + ", 0");
        w.op("setp.lt.f64 " + below + ", " + ay + ", " + d(0x1p53));
        w.op("and.pred " + odd + ", " + odd + ", " + below);
        w.op("and.pred " + odd + ", " + odd + ", " + isInt);
        // negative x (sign bit: -0 and -inf too) and odd y: negate
        String xb = w.temp("s64"), neg = w.temp("pred"), nr = w.temp("f64");
        w.op("mov.b64 " + xb + ", x");
        w.op("setp.lt.s64 " + neg + ", " + xb + ", 0");
        w.op("and.pred " + neg + ", " + neg + ", " + odd);
        w.op("neg.f64 " + nr + ", " + res);
        w.op("selp.f64 " + res + ", " + nr + ", " + res + ", " + neg);
        // NaN: finite x < 0 with finite non-integral y; |x| = 1 with infinite y; a NaN operand
        String p = w.temp("pred"), q = w.temp("pred");
        w.op("setp.lt.f64 " + p + ", x, " + ZERO);
        w.op("setp.lt.and.f64 " + p + ", " + ax + ", " + INF + ", " + p);
        w.op("setp.lt.and.f64 " + p + ", " + ay + ", " + INF + ", " + p);
        w.op("not.pred " + q + ", " + isInt);
        w.op("and.pred " + p + ", " + p + ", " + q);
        w.op("setp.eq.f64 " + q + ", " + ax + ", " + ONE);
        w.op("setp.eq.and.f64 " + q + ", " + ay + ", " + INF + ", " + q);
        w.op("or.pred " + p + ", " + p + ", " + q);
        w.op("setp.nan.or.f64 " + p + ", x, y, " + p);
        w.op("selp.f64 " + res + ", " + NAN + ", " + res + ", " + p);
        // x^0 = 1, NaN x included
        w.op("setp.eq.f64 " + q + ", y, " + ZERO);
        w.op("selp.f64 r, " + ONE + ", " + res + ", " + q);
    }

    /** tanh: see LibmMirror.tanh. */
    private static void tanhd(PtxWriter w) {
        String ax = w.temp("f64"), z = w.temp("f64"), small = w.temp("f64"), t = w.temp("f64"), k = w.temp("f64"),
                nk = w.temp("f64"), r = w.temp("f64"), q = w.temp("f64"), big = w.temp("f64"), near = w.temp("pred"),
                nan = w.temp("pred");
        w.op("abs.f64 " + ax + ", x");
        w.op("mul.rn.f64 " + z + ", x, x");
        // below 0.55: x + x z P(z), or x itself below 2^-27 (which keeps -0)
        String xz = w.temp("f64"), tiny = w.temp("pred");
        w.op("mul.rn.f64 " + xz + ", x, " + z);
        w.op("fma.rn.f64 " + small + ", " + xz + ", " + horner(w, TANH_POLY, z) + ", x");
        w.op("setp.lt.f64 " + tiny + ", " + ax + ", " + d(0x1p-27));
        w.op("selp.f64 " + small + ", x, " + small + ", " + tiny);
        // em = expm1(t), t = min(2|x|, 44): t = k ln2 + r, em = 2^k q + (2^k - 1), q = expm1(r), one rounding
        w.op("add.rn.f64 " + t + ", " + ax + ", " + ax);
        w.op("min.f64 " + t + ", " + t + ", " + d(TANH_EXP_LIMIT));
        w.op("mul.rn.f64 " + k + ", " + t + ", " + d(LOG2E));
        w.op("cvt.rni.f64.f64 " + k + ", " + k);
        w.op("neg.f64 " + nk + ", " + k);
        w.op("fma.rn.f64 " + r + ", " + nk + ", " + d(LN2_HI) + ", " + t);
        w.op("fma.rn.f64 " + r + ", " + nk + ", " + d(LN2_LO) + ", " + r);
        w.op("mul.rn.f64 " + q + ", " + r + ", " + horner(w, EXPM1_POLY, r));
        String ki = w.temp("s32"), scale = w.temp("f64"), sm1 = w.temp("f64"), em = w.temp("f64"), den = w.temp("f64");
        w.op("cvt.rzi.s32.f64 " + ki + ", " + k);
        w.op("mov.f64 " + scale + ", " + powerOfTwo(w, ki));
        w.op("sub.rn.f64 " + sm1 + ", " + scale + ", " + ONE);
        w.op("fma.rn.f64 " + em + ", " + scale + ", " + q + ", " + sm1);
        // tanh |x| = em / (em + 2), with x's sign
        w.op("add.rn.f64 " + den + ", " + em + ", " + d(2));
        w.op("div.rn.f64 " + big + ", " + em + ", " + den);
        w.op("copysign.f64 " + big + ", x, " + big);
        w.op("setp.lt.f64 " + near + ", " + ax + ", " + d(TANH_SERIES_LIMIT));
        w.op("selp.f64 " + big + ", " + small + ", " + big + ", " + near);
        w.op("setp.nan.f64 " + nan + ", x, x");
        w.op("selp.f64 r, x, " + big + ", " + nan);
    }

    /** sin (q = 0) or cos (q = 1): see LibmMirror.sinCos. */
    private static void sincosd(PtxWriter w) {
        String ax = w.temp("f64"), k = w.temp("f64"), nk = w.temp("f64"), r1 = w.temp("f64"), near = w.temp("pred");
        w.op("abs.f64 " + ax + ", x");
        w.op("mul.rn.f64 " + k + ", x, " + d(TWO_OVER_PI));
        w.op("cvt.rni.f64.f64 " + k + ", " + k);
        w.op("neg.f64 " + nk + ", " + k);
        w.op("fma.rn.f64 " + r1 + ", " + nk + ", " + d(PIO2_1) + ", x");            // exact (Sterbenz)
        // r1 - k PIO2_2 (k PIO2_2 exact) by two-sum, then the rest of k pi/2: r = rh + rl
        String th = w.temp("f64"), a = w.temp("f64"), bv = w.temp("f64"), err = w.temp("f64"), u = w.temp("f64"),
                tl = w.temp("f64"), rh = w.temp("f64"), rl = w.temp("f64");
        w.op("mul.rn.f64 " + th + ", " + nk + ", " + d(PIO2_2));
        w.op("add.rn.f64 " + a + ", " + r1 + ", " + th);
        w.op("sub.rn.f64 " + bv + ", " + a + ", " + r1);
        w.op("sub.rn.f64 " + u + ", " + a + ", " + bv);
        w.op("sub.rn.f64 " + u + ", " + r1 + ", " + u);
        w.op("sub.rn.f64 " + err + ", " + th + ", " + bv);
        w.op("add.rn.f64 " + err + ", " + u + ", " + err);
        w.op("mul.rn.f64 " + tl + ", " + k + ", " + d(PIO2_3T));
        w.op("fma.rn.f64 " + tl + ", " + k + ", " + d(PIO2_3) + ", " + tl);
        w.op("sub.rn.f64 " + err + ", " + err + ", " + tl);
        w.op("add.rn.f64 " + rh + ", " + a + ", " + err);
        w.op("sub.rn.f64 " + u + ", " + rh + ", " + a);
        w.op("sub.rn.f64 " + rl + ", " + err + ", " + u);
        // below pi/4 no reduction: r = x + (-0), which keeps -0
        w.op("setp.lt.f64 " + near + ", " + ax + ", " + d(Math.PI / 4));
        w.op("selp.f64 " + rh + ", x, " + rh + ", " + near);
        w.op("selp.f64 " + rl + ", 0d8000000000000000, " + rl + ", " + near);
        w.op("selp.f64 " + k + ", " + ZERO + ", " + k + ", " + near);
        String kl = w.temp("s64"), quad = w.temp("s32");
        w.op("cvt.rzi.s64.f64 " + kl + ", " + k);
        w.op("cvt.u32.u64 " + quad + ", " + kl);
        String large = w.temp("pred");
        w.op("setp.ge.f64 " + large + ", " + ax + ", " + d(LARGE_REDUCTION));
        w.op("setp.lt.and.f64 " + large + ", " + ax + ", " + INF + ", " + large);
        w.op("@!" + large + " bra KERNEL");
        largeReduction(w, ax, rh, rl, quad);
        w.label("KERNEL");
        w.op("add.s32 " + quad + ", " + quad + ", q");
        // the kernels on |r| <= pi/4, z = rh^2, w = 1 - z/2:
        // sin = rh + (rh z S(z) + rl w); cos = w + ((((1 - w) - z/2) + z^2 C(z)) - rh rl)
        String z = w.temp("f64"), rz = w.temp("f64"), s = w.temp("f64"), hz = w.temp("f64"), wv = w.temp("f64"),
                c = w.temp("f64"), t = w.temp("f64");
        w.op("mul.rn.f64 " + z + ", " + rh + ", " + rh);
        w.op("mul.rn.f64 " + hz + ", " + z + ", " + d(0.5));
        w.op("sub.rn.f64 " + wv + ", " + ONE + ", " + hz);
        w.op("mul.rn.f64 " + rz + ", " + rh + ", " + z);
        w.op("mul.rn.f64 " + t + ", " + rl + ", " + wv);
        w.op("fma.rn.f64 " + s + ", " + rz + ", " + horner(w, SIN_POLY, z) + ", " + t);
        w.op("add.rn.f64 " + s + ", " + rh + ", " + s);
        String tiny = w.temp("pred"), ar = w.temp("f64"), sum = w.temp("f64");    // sin r = r below 2^-26
        w.op("abs.f64 " + ar + ", " + rh);
        w.op("setp.lt.f64 " + tiny + ", " + ar + ", " + d(0x1p-26));
        w.op("add.rn.f64 " + sum + ", " + rh + ", " + rl);
        w.op("selp.f64 " + s + ", " + sum + ", " + s + ", " + tiny);
        w.op("sub.rn.f64 " + c + ", " + ONE + ", " + wv);
        w.op("sub.rn.f64 " + c + ", " + c + ", " + hz);
        w.op("mul.rn.f64 " + t + ", " + z + ", " + z);
        w.op("fma.rn.f64 " + c + ", " + t + ", " + horner(w, COS_POLY, z) + ", " + c);
        w.op("neg.f64 " + t + ", " + rh);
        w.op("fma.rn.f64 " + c + ", " + t + ", " + rl + ", " + c);
        w.op("add.rn.f64 " + c + ", " + wv + ", " + c);
        // quadrant: odd -> cos kernel, 2 and 3 -> negated
        String bit = w.temp("s32"), odd = w.temp("pred"), negp = w.temp("pred"), v = w.temp("f64"), nv = w.temp("f64");
        w.op("and.b32 " + bit + ", " + quad + ", 1");
        w.op("setp.ne.s32 " + odd + ", " + bit + ", 0");
        w.op("and.b32 " + bit + ", " + quad + ", 2");
        w.op("setp.ne.s32 " + negp + ", " + bit + ", 0");
        w.op("selp.f64 " + v + ", " + c + ", " + s + ", " + odd);
        w.op("neg.f64 " + nv + ", " + v);
        w.op("selp.f64 r, " + nv + ", " + v + ", " + negp);
    }
}
