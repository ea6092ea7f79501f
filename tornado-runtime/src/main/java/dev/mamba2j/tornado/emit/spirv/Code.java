package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.spirv.Grammar.Decoration;
import dev.mamba2j.tornado.emit.spirv.Grammar.Glsl;
import dev.mamba2j.tornado.emit.spirv.Grammar.Op;
import dev.mamba2j.tornado.emit.spirv.Grammar.OpenClStd;

/**
 * Writes a function body's instructions: each call appends one instruction and returns its result
 * id. The extended instruction set is GLSL.std.450 for Vulkan and OpenCL.std for OpenCL; the few
 * operations both have are named here once.
 */
final class Code {
    final Module m;
    final Types t;
    final SpirvTarget target;
    /** fma in software ({@link SoftFma}): the device's Fma is not fused. */
    final boolean softFma;
    /** Vulkan: the float behaviour the device grants (what the module may rely on). */
    final FloatControls floats;
    private final int extSet;

    Code(Module m, Types t, SpirvTarget target, boolean softFma, FloatControls floats) {
        this.m = m;
        this.t = t;
        this.target = target;
        this.softFma = softFma;
        this.floats = floats;
        String set = target == SpirvTarget.VULKAN ? "GLSL.std.450" : "OpenCL.std";
        extSet = m.id();
        m.imports.instWithString(Op.ExtInstImport, new int[] {extSet}, set);
    }

    /** An instruction with a result: {@code op type result operands...}. */
    int op(int opcode, int type, int... operands) {
        int id = m.id();
        int[] all = new int[operands.length + 2];
        all[0] = type;
        all[1] = id;
        System.arraycopy(operands, 0, all, 2, operands.length);
        m.code.inst(opcode, all);
        return id;
    }

    /** An instruction without a result. */
    void stmt(int opcode, int... operands) { m.code.inst(opcode, operands); }

    /** A floating add, subtract or multiply that the driver may not fuse with another (Java never contracts). */
    int exact(int opcode, int type, int a, int b) {
        int id = op(opcode, type, a, b);
        if (target == SpirvTarget.VULKAN) m.decorate(id, Decoration.NoContraction);
        return id;
    }

    int ext(int inst, int type, int... args) {
        int[] all = new int[args.length + 2];
        all[0] = extSet;
        all[1] = inst;
        System.arraycopy(args, 0, all, 2, args.length);
        return op(Op.ExtInst, type, all);
    }

    int load(int type, int pointer) { return op(Op.Load, type, pointer); }

    void store(int pointer, int value) { stmt(Op.Store, pointer, value); }

    int bitcast(int type, int v) { return op(Op.Bitcast, type, v); }

    int select(int type, int cond, int a, int b) { return op(Op.Select, type, cond, a, b); }

    int and(int a, int mask) { return op(Op.BitwiseAnd, t.i32(), a, t.constInt(mask)); }

    int or(int a, int b) { return op(Op.BitwiseOr, t.i32(), a, b); }

    int shr(int a, int n) { return op(Op.ShiftRightLogical, t.i32(), a, t.constInt(n)); }

    int shl(int a, int n) { return op(Op.ShiftLeftLogical, t.i32(), a, t.constInt(n)); }

    int add(int a, int b) { return op(Op.IAdd, t.i32(), a, b); }

    /** IEEE minNum/maxNum (a NaN operand gives the other). */
    int fmin(int type, int a, int b) { return target == SpirvTarget.VULKAN ? ext(Glsl.NMin, type, a, b) : ext(OpenClStd.FMIN, type, a, b); }

    int fmax(int type, int a, int b) { return target == SpirvTarget.VULKAN ? ext(Glsl.NMax, type, a, b) : ext(OpenClStd.FMAX, type, a, b); }
}
