package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.emit.spirv.SpirvPrinter;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

/**
 * Whether the device's Fma is fused, found by running it once: fma(x, x, z) with x = 1 + 2^-k and
 * z = -(1 + 2^(1-k)) is 2^-2k, which a multiply and an add round to 0 (k = 30 for double, 12 for
 * float). Where it is not fused the session's printer computes fma in software.
 */
final class FmaProbe {
    private FmaProbe() {}

    /** Whether Fma is fused; true (the device's own Fma is used) where the probe cannot run, e.g. without fp64. */
    static boolean fused(VulkanSession session) {
        try {
            return probe(session);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static boolean probe(VulkanSession session) {
        double[] in = {1 + 0x1p-30, -(1 + 0x1p-29), 1 + 0x1p-12, -(1 + 0x1p-11)};
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate(JAVA_DOUBLE, 6);
            for (int i = 0; i < in.length; i++) host.setAtIndex(JAVA_DOUBLE, i, in[i]);
            DeviceBuffer io = session.allocate(host.byteSize());
            try {
                session.write(io, host, host.byteSize());
                var kernel = session.load(session.printer(true).print(kernel()));
                session.launch(kernel, List.of(new KernelArg.Buffer(io)), WorkerGrid.of1D(1));
                session.read(host, io, host.byteSize());
            } finally {
                io.close();
            }
            return host.getAtIndex(JAVA_DOUBLE, 4) != 0 && host.getAtIndex(JAVA_DOUBLE, 5) != 0;
        }
    }

    /** io[4] = fma(io[0], io[0], io[1]) in double, io[5] = fma of io[2], io[3] in float. */
    private static Function kernel() {
        ArrayRef io = new ArrayRef(0, Space.GLOBAL, ElemType.DOUBLE, "io", 0);
        int[] id = {0};
        List<Instr> body = new ArrayList<>();
        Var[] d = new Var[3], f = new Var[3];
        for (int i = 0; i < 2; i++) {
            body.add(new Instr.Load(d[i] = new Var(id[0]++, Type.DOUBLE, "d" + i), io, Const.of(i)));
            Var wide = new Var(id[0]++, Type.DOUBLE, "w" + i);
            body.add(new Instr.Load(wide, io, Const.of(2 + i)));
            body.add(new Instr.Convert(f[i] = new Var(id[0]++, Type.FLOAT, "f" + i), wide));
        }
        body.add(new Instr.Call(d[2] = new Var(id[0]++, Type.DOUBLE, "dr"), MathFn.FMA, List.of(d[0], d[0], d[1])));
        body.add(new Instr.Call(f[2] = new Var(id[0]++, Type.FLOAT, "fr"), MathFn.FMA, List.of(f[0], f[0], f[1])));
        Var back = new Var(id[0]++, Type.DOUBLE, "fd");
        body.add(new Instr.Convert(back, f[2]));
        body.add(new Instr.Store(io, Const.of(4), d[2]));
        body.add(new Instr.Store(io, Const.of(5), back));
        Function fn = new Function("fmaProbe", List.of(new Param(0, Param.Kind.ARRAY, null, io, Object.class)),
                new ArrayList<>(List.of(new Block(0, body, new Terminator.Return()))));
        fn.markLowered(SpirvPrinter.MATH);
        return fn;
    }
}
