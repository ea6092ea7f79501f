package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.MathTarget;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.jit.bytecode.FrontEnd;
import dev.mamba2j.tornado.jit.lib.MathLibrary;
import dev.mamba2j.tornado.jit.pass.InlineMath;
import dev.mamba2j.tornado.jit.pass.Optimizer;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The device math library ({@link MathLibrary}) as IR for the lowering: each function translated and optimised once. */
final class DeviceLibrary implements InlineMath.Library {
    static final DeviceLibrary INSTANCE = new DeviceLibrary();

    private final Map<Method, Function> ir = new ConcurrentHashMap<>();

    private DeviceLibrary() {}

    @Override public Function function(MathFn fn, Type t, MathTarget target) {
        Method m = MathLibrary.function(fn, t, target);
        return m == null ? null : ir(m);
    }

    @Override public Function remainder(Type t) { return ir(MathLibrary.remainder(t)); }

    private Function ir(Method m) {
        return ir.computeIfAbsent(m, k -> Optimizer.library(FrontEnd.translateFunction(k).function()));
    }
}
