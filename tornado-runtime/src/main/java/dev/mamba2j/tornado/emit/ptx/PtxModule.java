package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.DeviceParam;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.ParamKind;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import dev.mamba2j.tornado.ir.WorkItem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.mamba2j.tornado.emit.ptx.PtxWriter.reg;
import static dev.mamba2j.tornado.emit.ptx.PtxWriter.val;

/**
 * Prints a kernel's IR as one PTX {@code .entry}. IR variables become typed virtual registers
 * ({@code %v_name}); ptxas does the register allocation. Blocks become labels and terminators
 * {@code bra}, so control flow stays as unstructured as the IR. Parameters follow
 * {@link Function#deviceParams()}: buffers as 64-bit global pointers, lengths and scalars by value
 * (booleans as 32-bit ints, which is how {@code KernelArg.Int} passes them).
 */
final class PtxModule {
    private final Function f;
    private final PtxTarget target;
    private final PtxWriter w = new PtxWriter();
    private final PtxArith arith = new PtxArith(w);
    private final PtxMath math = new PtxMath(w);
    private final PtxMemory memory;
    private final PtxGemm gemm;
    private final Map<ArrayRef, Operand> allocations;
    private final PtxShared shared;

    private PtxModule(Function f, PtxTarget target) {
        this.f = f;
        this.target = target;
        this.allocations = f.allocations();
        this.shared = PtxShared.of(f);
        this.memory = new PtxMemory(w, allocations);
        this.gemm = new PtxGemm(w, target, f.name());
    }

    /** The PTX module text for {@code f} on {@code target}. */
    static String print(Function f, PtxTarget target) {
        return new PtxModule(f, target).print();
    }

    /** Bytes of dynamic shared memory a launch of {@code f} must ask for (0 when its arrays are static). */
    static long dynamicSharedBytes(Function f) { return PtxShared.of(f).dynamicBytes(); }

    private String print() {
        if (target.ccMajor() * 10 + target.ccMinor() < 70)
            throw new KernelCompilationException("PTX printer needs sm_70 or newer, not " + target.sm());
        List<DeviceParam> params = f.deviceParams();
        prologue(params);
        List<Block> blocks = f.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            w.label(b.label());
            for (Instr in : b.instrs()) instruction(in);
            terminator(b.term(), i + 1 < blocks.size() ? blocks.get(i + 1).id() : -1);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("// ").append(f.name()).append(", printed from the kernel's IR\n").append(target.header()).append('\n');
        if (shared.dynamicBytes() > 0)
            sb.append("// local arrays: ").append(shared.dynamicBytes()).append(" bytes of dynamic shared memory\n.extern .shared .align 16 .b8 ")
                    .append(PtxShared.DYNAMIC).append("[];\n\n");
        sb.append(".visible .entry ").append(f.name()).append("(\n");
        for (int i = 0; i < params.size(); i++)
            sb.append("    .param .").append(paramType(params.get(i))).append(' ').append(paramName(params.get(i)))
                    .append(i + 1 < params.size() ? ",\n" : "\n");
        sb.append(")\n{\n");
        declarations(sb, params);
        sb.append(w.tempDeclarations()).append('\n').append(w.body()).append("}\n");
        return sb.toString();
    }

    private static String paramName(DeviceParam p) {
        return switch (p.kind()) {
            case BUFFER -> "p_" + p.array().name();
            case ARRAY_LENGTH -> "p_" + DeviceParam.lengthName(p.array());
            case SCALAR -> "p_" + p.var().name();
        };
    }

    private static String paramType(DeviceParam p) {
        return switch (p.kind()) {
            case BUFFER -> "u64";
            case ARRAY_LENGTH -> "s32";
            case SCALAR -> p.var().type() == Type.BOOL ? "s32" : PtxTypes.reg(p.var().type());
        };
    }

    /** Registers of variables, array bases and lengths; kernel-scope shared and local arrays. */
    private void declarations(StringBuilder sb, List<DeviceParam> params) {
        Set<Var> vars = new LinkedHashSet<>();
        for (Param p : f.params()) if (p.var() != null) vars.add(p.var());
        vars.addAll(f.locals());
        for (Var v : vars) sb.append("    .reg .").append(PtxTypes.reg(v.type())).append(' ').append(reg(v)).append(";\n");
        for (ArrayRef a : arrays()) sb.append("    .reg .u64 ").append(PtxMemory.base(a)).append(";\n");
        for (ArrayRef a : allocations.keySet()) sb.append("    .reg .s32 ").append(PtxMemory.window(a)).append(";\n");
        for (DeviceParam p : params)
            if (p.kind() == ParamKind.ARRAY_LENGTH)
                sb.append("    .reg .s32 ").append(PtxMemory.lengthReg(p.array())).append(";\n");
        allocations.forEach((a, size) -> {
            if (shared.isDynamic(a)) return;
            if (!(size instanceof Const c))
                throw new KernelCompilationException("PTX: size of " + a.space().name().toLowerCase() + " array " + a.name()
                        + " in " + f.name() + " is not a constant after specialisation: " + size);
            sb.append("    .").append(PtxTypes.space(a.space())).append(" .align 16 .b8 ").append(PtxMemory.symbol(a))
                    .append('[').append(Math.max(1L, (long) c.asInt() * a.elem().bytes())).append("];\n");
        });
    }

    /** Every array the body or the parameters name. */
    private Set<ArrayRef> arrays() {
        Set<ArrayRef> all = new LinkedHashSet<>();
        for (Param p : f.params()) if (p.array() != null) all.add(p.array());
        all.addAll(allocations.keySet());
        return all;
    }

    /** Loads parameters into registers and sets every array's base address. */
    private void prologue(List<DeviceParam> params) {
        for (DeviceParam p : params) {
            String name = "[" + paramName(p) + "]";
            switch (p.kind()) {
                case BUFFER -> {
                    String base = PtxMemory.base(p.array());
                    w.op("ld.param.u64 " + base + ", " + name);
                    w.op("cvta.to.global.u64 " + base + ", " + base);
                }
                case ARRAY_LENGTH -> w.op("ld.param.s32 " + PtxMemory.lengthReg(p.array()) + ", " + name);
                case SCALAR -> {
                    Var v = p.var();
                    if (v.type() == Type.BOOL) {
                        String i = w.temp("s32");
                        w.op("ld.param.s32 " + i + ", " + name);
                        w.op("setp.ne.s32 " + reg(v) + ", " + i + ", 0");
                    } else {
                        w.op("ld.param." + PtxTypes.reg(v.type()) + " " + reg(v) + ", " + name);
                    }
                }
            }
        }
        for (ArrayRef a : allocations.keySet()) {
            String at = shared.isDynamic(a) ? PtxShared.DYNAMIC + "+" + shared.offsets().get(a) : PtxMemory.symbol(a);
            w.op("mov.u64 " + PtxMemory.base(a) + ", " + at);
            w.op("mov.u32 " + PtxMemory.window(a) + ", " + at);
        }
    }

    private void instruction(Instr in) {
        switch (in) {
            case Instr.Move m -> w.op("mov." + PtxTypes.reg(m.dst().type()) + " " + reg(m.dst()) + ", "
                    + (m.dst().type() == Type.BOOL ? w.pred(m.src()) : val(m.src())));
            case Instr.Neg n -> arith.neg(n);
            case Instr.Binary b -> arith.binary(b);
            case Instr.Compare c -> arith.compare(c);
            case Instr.Select c -> w.op("selp." + PtxTypes.reg(c.dst().type()) + " " + reg(c.dst()) + ", " + val(c.ifTrue()) + ", "
                    + val(c.ifFalse()) + ", " + w.pred(c.cond()));
            case Instr.Convert c -> arith.convert(c);
            case Instr.Bitcast b -> arith.bitcast(b);
            case Instr.Call c -> math.call(c);
            case Instr.Query q -> query(q);
            case Instr.Load l -> memory.load(l);
            case Instr.Store s -> memory.store(s);
            case Instr.Length l -> memory.length(l);
            case Instr.AtomicAdd a -> memory.atomicAdd(a);
            case Instr.Alloc a -> {
                if (a.array().space() == Space.GLOBAL)
                    throw new KernelCompilationException("PTX: cannot allocate a global array in a kernel: " + a);
            }
            case Instr.Barrier b -> w.op("bar.sync 0");
            case Instr.Gemm g -> gemm.emit(g);
        }
    }

    /** Work-item geometry from the special registers; global values are 32-bit like KernelContext's. */
    private void query(Instr.Query q) {
        String dim = switch (q.dim()) {
            case 0 -> ".x";
            case 1 -> ".y";
            case 2 -> ".z";
            default -> throw new KernelCompilationException("PTX: dimension " + q.dim() + " in " + q);
        };
        String d = reg(q.dst());
        switch (q.what()) {
            case LOCAL_ID -> w.op("mov.u32 " + d + ", %tid" + dim);
            case GROUP_ID -> w.op("mov.u32 " + d + ", %ctaid" + dim);
            case LOCAL_SIZE -> w.op("mov.u32 " + d + ", %ntid" + dim);
            case GLOBAL_ID, GLOBAL_SIZE -> {
                String a = w.temp("s32"), b = w.temp("s32");
                w.op("mov.u32 " + a + ", %ntid" + dim);
                if (q.what() == WorkItem.GLOBAL_SIZE) {
                    w.op("mov.u32 " + b + ", %nctaid" + dim);
                    w.op("mul.lo.s32 " + d + ", " + a + ", " + b);
                } else {
                    String t = w.temp("s32");
                    w.op("mov.u32 " + b + ", %ctaid" + dim);
                    w.op("mov.u32 " + t + ", %tid" + dim);
                    w.op("mad.lo.s32 " + d + ", " + b + ", " + a + ", " + t);
                }
            }
        }
    }

    /** Falls through to the next block where it can; {@code next} is its id, -1 at the end. */
    private void terminator(Terminator t, int next) {
        switch (t) {
            case Terminator.Jump j -> { if (j.target() != next) w.op("bra " + label(j.target())); }
            case Terminator.Return r -> w.op("ret");
            case Terminator.Branch b -> {
                if (b.cond() instanceof Const c) {
                    terminator(new Terminator.Jump(c.asBool() ? b.ifTrue() : b.ifFalse()), next);
                } else if (b.ifTrue() == next) {
                    w.op("@!" + w.pred(b.cond()) + " bra " + label(b.ifFalse()));
                } else {
                    w.op("@" + w.pred(b.cond()) + " bra " + label(b.ifTrue()));
                    if (b.ifFalse() != next) w.op("bra " + label(b.ifFalse()));
                }
            }
            case Terminator.Switch s -> {
                for (int i = 0; i < s.keys().size(); i++) {
                    String p = w.temp("pred");
                    w.op("setp.eq.s32 " + p + ", " + val(s.value()) + ", " + s.keys().get(i));
                    w.op("@" + p + " bra " + label(s.targets().get(i)));
                }
                if (s.otherwise() != next) w.op("bra " + label(s.otherwise()));
            }
        }
    }

    private String label(int blockId) { return "L" + blockId; }
}
