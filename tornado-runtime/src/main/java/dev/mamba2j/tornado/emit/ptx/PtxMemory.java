package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Type;

import java.util.Map;

import static dev.mamba2j.tornado.emit.ptx.PtxWriter.reg;
import static dev.mamba2j.tornado.emit.ptx.PtxWriter.val;

/**
 * Array accesses. Every array has a 64-bit base register in its own state space (a global address
 * for parameters, the shared or local window address of a {@code .shared}/{@code .local} array);
 * an element's address is base + index * element size. Shared and local arrays also have a 32-bit
 * window register, and int indices into them are computed in 32 bits: without a sign extension in
 * the way, ptxas folds the constant part of an index into the instruction's offset. fp16 and bf16 travel as 16-bit words and
 * are widened to / rounded from f32 in registers, bit-for-bit as the host arrays do it.
 */
final class PtxMemory {
    private final PtxWriter w;
    private final Map<ArrayRef, Operand> allocations;

    PtxMemory(PtxWriter w, Map<ArrayRef, Operand> allocations) {
        this.w = w;
        this.allocations = allocations;
    }

    static String base(ArrayRef a) { return "%a_" + a.name(); }

    /** The 32-bit window address of a shared or local array. */
    static String window(ArrayRef a) { return "%w_" + a.name(); }

    static String lengthReg(ArrayRef a) { return "%n_" + a.name(); }

    /** The kernel-scope symbol of a shared or local array. */
    static String symbol(ArrayRef a) { return (a.space() == Space.LOCAL ? "s_" : "l_") + a.name(); }

    private String address(ArrayRef a, Operand index) {
        int bytes = a.elem().bytes();
        if (index instanceof Const c) return "[" + base(a) + "+" + c.value().longValue() * bytes + "]";
        if (a.space() != Space.GLOBAL && index.type() == Type.INT) {
            String addr = w.temp("s32");
            w.op("mad.lo.s32 " + addr + ", " + val(index) + ", " + bytes + ", " + window(a));
            return "[" + addr + "]";
        }
        String addr = w.temp("u64");
        if (index.type() == Type.LONG) w.op("mul.lo.s64 " + addr + ", " + val(index) + ", " + bytes);
        else w.op("mul.wide.s32 " + addr + ", " + val(index) + ", " + bytes);
        w.op("add.s64 " + addr + ", " + base(a) + ", " + addr);
        return "[" + addr + "]";
    }

    void load(Instr.Load l) {
        ArrayRef a = l.array();
        String sp = PtxTypes.space(a.space()), d = reg(l.dst()), addr = address(a, l.index());
        switch (a.elem()) {
            case HALF -> {
                String h = w.temp("b16");
                w.op("ld." + sp + ".b16 " + h + ", " + addr);
                w.op("cvt.f32.f16 " + d + ", " + h);
            }
            case BF16 -> { // bf16 is the upper half of an f32: widening is a shift
                String h = w.temp("b16"), r = w.temp("s32");
                w.op("ld." + sp + ".b16 " + h + ", " + addr);
                w.op("cvt.u32.u16 " + r + ", " + h);
                w.op("shl.b32 " + r + ", " + r + ", 16");
                w.op("mov.b32 " + d + ", " + r);
            }
            default -> w.op("ld." + sp + "." + PtxTypes.mem(a.elem()) + " " + d + ", " + addr);
        }
    }

    void store(Instr.Store s) {
        ArrayRef a = s.array();
        String sp = PtxTypes.space(a.space()), addr = address(a, s.index()), v = val(s.value());
        switch (a.elem()) {
            case HALF -> {
                String h = w.temp("b16");
                w.op("cvt.rn.f16.f32 " + h + ", " + v);
                w.op("st." + sp + ".b16 " + addr + ", " + h);
            }
            case BF16 -> w.op("st." + sp + ".b16 " + addr + ", " + bf16Bits(v));
            default -> w.op("st." + sp + "." + PtxTypes.mem(a.elem()) + " " + addr + ", " + v);
        }
    }

    /**
     * f32 to bf16 bits exactly as BFloat16Array.toBits: round to nearest even by adding
     * 0x7fff + lsb, NaN kept (sign and payload) with the quiet bit set.
     */
    private String bf16Bits(String value) {
        String bits = w.temp("s32"), mag = w.temp("s32"), hi = w.temp("s32"), lsb = w.temp("s32"),
                rounded = w.temp("s32"), nan = w.temp("pred"), h = w.temp("b16");
        w.op("mov.b32 " + bits + ", " + value);
        w.op("and.b32 " + mag + ", " + bits + ", 2147483647");
        w.op("setp.gt.u32 " + nan + ", " + mag + ", 2139095040");     // > 0x7f800000: NaN
        w.op("shr.u32 " + hi + ", " + bits + ", 16");
        w.op("and.b32 " + lsb + ", " + hi + ", 1");
        w.op("add.s32 " + rounded + ", " + bits + ", 32767");
        w.op("add.s32 " + rounded + ", " + rounded + ", " + lsb);
        w.op("shr.u32 " + rounded + ", " + rounded + ", 16");
        w.op("or.b32 " + hi + ", " + hi + ", 64");                     // quiet-NaN bit
        w.op("selp.b32 " + rounded + ", " + hi + ", " + rounded + ", " + nan);
        w.op("cvt.u16.u32 " + h + ", " + rounded);
        return h;
    }

    void length(Instr.Length l) {
        ArrayRef a = l.array();
        String src = a.space() == Space.GLOBAL ? lengthReg(a) : val(allocations.get(a));
        w.op("mov.s32 " + reg(l.dst()) + ", " + src);
    }

    /** {@code atom.add} when the old value is used, {@code red.add} otherwise. */
    void atomicAdd(Instr.AtomicAdd at) {
        ArrayRef a = at.array();
        if (a.space() == Space.PRIVATE || (a.elem() != ElemType.INT && a.elem() != ElemType.FLOAT))
            throw new KernelCompilationException("PTX: atomic add needs an int or float global/local array, got " + a);
        String t = a.elem() == ElemType.INT ? "s32" : "f32", sp = PtxTypes.space(a.space());
        String addr = address(a, at.index());
        if (at.dst() == null) w.op("red." + sp + ".add." + t + " " + addr + ", " + val(at.value()));
        else w.op("atom." + sp + ".add." + t + " " + reg(at.dst()) + ", " + addr + ", " + val(at.value()));
    }
}
