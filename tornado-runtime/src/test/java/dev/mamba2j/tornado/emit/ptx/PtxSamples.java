package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import dev.mamba2j.tornado.ir.WorkItem;

import java.util.List;

/**
 * Kernels written directly in IR, each with the Java it stands for, covering what the PTX printer
 * translates. Shared by the assembler test (here) and the GPU test.
 */
final class PtxSamples {
    private PtxSamples() {}

    /** Math functions in the order {@link #math()} writes them: out[k * n + i]. */
    static final List<MathFn> MATH = List.of(MathFn.EXP, MathFn.LOG, MathFn.TANH, MathFn.SIN, MathFn.COS, MathFn.SQRT,
            MathFn.FLOOR, MathFn.CEIL, MathFn.ABS, MathFn.MIN, MathFn.MAX, MathFn.FMA);

    /** Opens the usual guard {@code int i = globalIdx; if (i >= n) return;}; returns i, the body is current. */
    private static Var guarded(IrBuilder ir, Var n, Block exit) {
        Var i = ir.query(WorkItem.GLOBAL_ID, 0);
        Block body = ir.block();
        ir.branch(ir.cmp(CmpOp.GE, i, n), exit, body);
        ir.at(body);
        return i;
    }

    /** {@code out[i] = alpha * x[i] + y[i]} (two roundings, as Java computes it). */
    static Function axpy() {
        IrBuilder ir = new IrBuilder();
        ArrayRef x = ir.array(ElemType.FLOAT, "x"), y = ir.array(ElemType.FLOAT, "y"), out = ir.array(ElemType.FLOAT, "out");
        Var n = ir.scalar(Type.INT, "n", int.class), alpha = ir.scalar(Type.FLOAT, "alpha", float.class);
        Block exit = ir.block();
        Var i = guarded(ir, n, exit);
        ir.store(out, i, ir.bin(BinOp.ADD, ir.bin(BinOp.MUL, alpha, ir.load(x, i)), ir.load(y, i)));
        ir.jump(exit);
        ir.at(exit);
        ir.ret();
        return ir.build("axpy");
    }

    /**
     * Block-wise tree sum in a local int[256] with barriers, then one atomic add per block:
     * {@code out[0] += sum of in}. Elements past in.length count as 0.
     */
    static Function blockSum() {
        IrBuilder ir = new IrBuilder();
        ArrayRef in = ir.array(ElemType.INT, "in"), out = ir.array(ElemType.INT, "out");
        Var lid = ir.query(WorkItem.LOCAL_ID, 0), gid = ir.query(WorkItem.GLOBAL_ID, 0);
        ArrayRef tile = ir.alloc(Space.LOCAL, ElemType.INT, "tile", Const.of(256));
        Var v = ir.var(Type.INT), s = ir.var(Type.INT);
        ir.move(v, Const.of(0));
        Block load = ir.block(), st = ir.block(), loop = ir.block(), step = ir.block(), add = ir.block(),
                sync = ir.block(), done = ir.block(), atomic = ir.block(), exit = ir.block();
        ir.branch(ir.cmp(CmpOp.LT, gid, ir.length(in)), load, st);
        ir.at(load);
        ir.move(v, ir.load(in, gid));
        ir.jump(st);
        ir.at(st);
        ir.store(tile, lid, v);
        ir.barrier();
        ir.move(s, Const.of(128));
        ir.jump(loop);
        ir.at(loop);
        ir.branch(ir.cmp(CmpOp.GT, s, Const.of(0)), step, done);
        ir.at(step);
        ir.branch(ir.cmp(CmpOp.LT, lid, s), add, sync);
        ir.at(add);
        ir.store(tile, lid, ir.bin(BinOp.ADD, ir.load(tile, lid), ir.load(tile, ir.bin(BinOp.ADD, lid, s))));
        ir.jump(sync);
        ir.at(sync);
        ir.barrier();
        ir.move(s, ir.bin(BinOp.SHR, s, Const.of(1)));
        ir.jump(loop);
        ir.at(done);
        ir.branch(ir.cmp(CmpOp.EQ, lid, Const.of(0)), atomic, exit);
        ir.at(atomic);
        ir.atomicAdd(out, Const.of(0), ir.load(tile, Const.of(0)), false);
        ir.jump(exit);
        ir.at(exit);
        ir.ret();
        return ir.build("blockSum");
    }

    /**
     * Java casts: {@code outI[2i] = (int) f[i]; outI[2i+1] = (int) d[i]; outL[2i] = (long) f[i];
     * outL[2i+1] = (long) d[i]; outF[2i] = (float) d[i]; outF[2i+1] = (float) (long) d[i];
     * outD[i] = (double) (int) f[i] + (double) f[i]}.
     */
    static Function conversions() {
        IrBuilder ir = new IrBuilder();
        ArrayRef f = ir.array(ElemType.FLOAT, "f"), d = ir.array(ElemType.DOUBLE, "d"), outI = ir.array(ElemType.INT, "outI"),
                outL = ir.array(ElemType.LONG, "outL"), outF = ir.array(ElemType.FLOAT, "outF"), outD = ir.array(ElemType.DOUBLE, "outD");
        Var n = ir.scalar(Type.INT, "n", int.class);
        Block exit = ir.block();
        Var i = guarded(ir, n, exit);
        Var x = ir.load(f, i), y = ir.load(d, i);
        Var even = ir.bin(BinOp.MUL, i, Const.of(2)), odd = ir.bin(BinOp.ADD, even, Const.of(1));
        Var xi = ir.convert(Type.INT, x);
        ir.store(outI, even, xi);
        ir.store(outI, odd, ir.convert(Type.INT, y));
        ir.store(outL, even, ir.convert(Type.LONG, x));
        Var yl = ir.convert(Type.LONG, y);
        ir.store(outL, odd, yl);
        ir.store(outF, even, ir.convert(Type.FLOAT, y));
        ir.store(outF, odd, ir.convert(Type.FLOAT, yl));
        ir.store(outD, i, ir.bin(BinOp.ADD, ir.convert(Type.DOUBLE, xi), ir.convert(Type.DOUBLE, x)));
        ir.jump(exit);
        ir.at(exit);
        ir.ret();
        return ir.build("conversions");
    }

    /** out[6i + k] = a / b, a % b, a << b, a >> b, a >>> b, (int) ((long) a * b / (long) b) for int a, b. */
    static Function intOps() {
        IrBuilder ir = new IrBuilder();
        ArrayRef a = ir.array(ElemType.INT, "a"), b = ir.array(ElemType.INT, "b"), out = ir.array(ElemType.INT, "out");
        Var n = ir.scalar(Type.INT, "n", int.class);
        Block exit = ir.block();
        Var i = guarded(ir, n, exit);
        Var x = ir.load(a, i), y = ir.load(b, i), base = ir.bin(BinOp.MUL, i, Const.of(6));
        BinOp[] ops = {BinOp.DIV, BinOp.REM, BinOp.SHL, BinOp.SHR, BinOp.USHR};
        for (int k = 0; k < ops.length; k++) ir.store(out, ir.bin(BinOp.ADD, base, Const.of(k)), ir.bin(ops[k], x, y));
        Var xl = ir.convert(Type.LONG, x), yl = ir.convert(Type.LONG, y);
        ir.store(out, ir.bin(BinOp.ADD, base, Const.of(5)), ir.convert(Type.INT, ir.bin(BinOp.DIV, ir.bin(BinOp.MUL, xl, yl), yl)));
        ir.jump(exit);
        ir.at(exit);
        ir.ret();
        return ir.build("intOps");
    }

    /** out[k * n + i] = MATH[k](x[i]) (binary ones take y[i], fma is fma(x, y, x)). */
    static Function math() {
        IrBuilder ir = new IrBuilder();
        ArrayRef x = ir.array(ElemType.FLOAT, "x"), y = ir.array(ElemType.FLOAT, "y"), out = ir.array(ElemType.FLOAT, "out");
        Var n = ir.scalar(Type.INT, "n", int.class);
        Block exit = ir.block();
        Var i = guarded(ir, n, exit);
        Var a = ir.load(x, i), b = ir.load(y, i);
        for (int k = 0; k < MATH.size(); k++) {
            MathFn fn = MATH.get(k);
            Var r = switch (fn.arity()) {
                case 1 -> ir.call(fn, a);
                case 2 -> ir.call(fn, a, b);
                default -> ir.call(fn, a, b, a);
            };
            ir.store(out, ir.bin(BinOp.ADD, ir.bin(BinOp.MUL, n, Const.of(k)), i), r);
        }
        ir.jump(exit);
        ir.at(exit);
        ir.ret();
        return ir.build("math");
    }

    /**
     * What the math library provides: double exp, log, tanh, sin, cos, pow and %, float pow and %
     * (one with an immediate operand); out and outF get one result each per function.
     */
    static Function libraryMath() {
        IrBuilder ir = new IrBuilder();
        ArrayRef x = ir.array(ElemType.DOUBLE, "x"), out = ir.array(ElemType.DOUBLE, "out"), xf = ir.array(ElemType.FLOAT, "xf"),
                outF = ir.array(ElemType.FLOAT, "outF");
        Var n = ir.scalar(Type.INT, "n", int.class);
        Block exit = ir.block();
        Var i = guarded(ir, n, exit);
        Var a = ir.load(x, i), b = ir.load(xf, i);
        List<Var> doubles = List.of(ir.call(MathFn.EXP, a), ir.call(MathFn.LOG, a), ir.call(MathFn.TANH, a), ir.call(MathFn.SIN, a),
                ir.call(MathFn.COS, a), ir.call(MathFn.POW, a, Const.of(0.5)), ir.bin(BinOp.REM, a, Const.of(3.0)));
        List<Var> floats = List.of(ir.call(MathFn.POW, b, b), ir.bin(BinOp.REM, b, Const.of(1.5f)), ir.bin(BinOp.REM, Const.of(7f), b));
        for (int k = 0; k < doubles.size(); k++) ir.store(out, ir.bin(BinOp.ADD, ir.bin(BinOp.MUL, n, Const.of(k)), i), doubles.get(k));
        for (int k = 0; k < floats.size(); k++) ir.store(outF, ir.bin(BinOp.ADD, ir.bin(BinOp.MUL, n, Const.of(k)), i), floats.get(k));
        ir.jump(exit);
        ir.at(exit);
        ir.ret();
        return ir.build("libraryMath");
    }

    /** {@code wide[i] = h[i]; b[i] = h[i] * 3 (bf16); h2[i] = wide[i] / 3 (fp16)}. */
    static Function halfAndBf16() {
        IrBuilder ir = new IrBuilder();
        ArrayRef h = ir.array(ElemType.HALF, "h"), wide = ir.array(ElemType.FLOAT, "wide"), b = ir.array(ElemType.BF16, "b"),
                h2 = ir.array(ElemType.HALF, "h2");
        Var n = ir.scalar(Type.INT, "n", int.class);
        Block exit = ir.block();
        Var i = guarded(ir, n, exit);
        Var v = ir.load(h, i);
        ir.store(wide, i, v);
        ir.store(b, i, ir.bin(BinOp.MUL, v, Const.of(3f)));
        ir.store(h2, i, ir.bin(BinOp.DIV, v, Const.of(3f)));
        ir.jump(exit);
        ir.at(exit);
        ir.ret();
        return ir.build("halfAndBf16");
    }

    /**
     * A 2D grid, a switch, a boolean parameter and a private array:
     * {@code float[] p = new float[4]; p[k] = k * x; v = switch (x % 3) { 0 -> x; 1 -> y; default -> p[y & 3] };
     * out[y * w + x] = flip ? -v : v} for x < w, y < h.
     */
    static Function grid2d() {
        IrBuilder ir = new IrBuilder();
        ArrayRef out = ir.array(ElemType.FLOAT, "out");
        Var w = ir.scalar(Type.INT, "w", int.class), h = ir.scalar(Type.INT, "h", int.class),
                flip = ir.scalar(Type.BOOL, "flip", boolean.class);
        Var x = ir.query(WorkItem.GLOBAL_ID, 0), y = ir.query(WorkItem.GLOBAL_ID, 1);
        ArrayRef p = ir.alloc(Space.PRIVATE, ElemType.FLOAT, "p", Const.of(4));
        Block inside = ir.block(), inside2 = ir.block(), c0 = ir.block(), c1 = ir.block(), other = ir.block(),
                join = ir.block(), negate = ir.block(), write = ir.block(), exit = ir.block();
        Var v = ir.var(Type.FLOAT);
        ir.branch(ir.cmp(CmpOp.GE, x, w), exit, inside);
        ir.at(inside);
        ir.branch(ir.cmp(CmpOp.GE, y, h), exit, inside2);
        ir.at(inside2);
        Var fx = ir.convert(Type.FLOAT, x);
        for (int k = 0; k < 4; k++) ir.store(p, Const.of(k), ir.bin(BinOp.MUL, Const.of((float) k), fx));
        ir.term(new Terminator.Switch(ir.bin(BinOp.REM, x, Const.of(3)), List.of(0, 1), List.of(c0.id(), c1.id()), other.id()));
        ir.at(c0);
        ir.move(v, fx);
        ir.jump(join);
        ir.at(c1);
        ir.move(v, ir.convert(Type.FLOAT, y));
        ir.jump(join);
        ir.at(other);
        ir.move(v, ir.load(p, ir.bin(BinOp.AND, y, Const.of(3))));
        ir.jump(join);
        ir.at(join);
        ir.branch(flip, negate, write);
        ir.at(negate);
        ir.move(v, ir.neg(v));
        ir.jump(write);
        ir.at(write);
        ir.store(out, ir.bin(BinOp.ADD, ir.bin(BinOp.MUL, y, w), x), v);
        ir.jump(exit);
        ir.at(exit);
        ir.ret();
        return ir.build("grid2d");
    }

    /** {@code old[i] = atomicAdd(acc[0], 1.5f)} for i < n: the old values are a permutation of 1.5 k. */
    static Function floatAtomic() {
        IrBuilder ir = new IrBuilder();
        ArrayRef acc = ir.array(ElemType.FLOAT, "acc"), old = ir.array(ElemType.FLOAT, "old");
        Var n = ir.scalar(Type.INT, "n", int.class);
        Block exit = ir.block();
        Var i = guarded(ir, n, exit);
        ir.store(old, i, ir.atomicAdd(acc, Const.of(0), Const.of(1.5f), true));
        ir.jump(exit);
        ir.at(exit);
        ir.ret();
        return ir.build("floatAtomic");
    }

    static List<Function> all() {
        return List.of(axpy(), blockSum(), conversions(), intOps(), math(), libraryMath(), halfAndBf16(), grid2d(), floatAtomic());
    }
}
