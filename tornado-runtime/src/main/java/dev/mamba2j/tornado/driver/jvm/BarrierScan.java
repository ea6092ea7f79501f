package dev.mamba2j.tornado.driver.jvm;

import dev.mamba2j.tornado.api.KernelContext;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whether a kernel can reach {@code KernelContext.localBarrier()} or {@code localGemm} (a barrier
 * too), directly or through the static helpers it calls. Kernels that cannot run their work-items
 * in a plain loop; the others need a thread per work-item. When a class file cannot be read the answer is "yes" (safe, slower).
 */
final class BarrierScan {
    private static final String CONTEXT = KernelContext.class.getName().replace('.', '/');
    private static final ConcurrentHashMap<Method, Boolean> CACHE = new ConcurrentHashMap<>();

    private BarrierScan() {}

    static boolean usesBarrier(Method kernel) {
        return CACHE.computeIfAbsent(kernel, m -> reaches(m.getDeclaringClass().getClassLoader(),
                m.getDeclaringClass().getName().replace('.', '/'), m.getName(),
                MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString(), new HashSet<>()));
    }

    private static boolean reaches(ClassLoader loader, String owner, String name, String descriptor, Set<String> seen) {
        if (!seen.add(owner + '.' + name + descriptor)) return false;
        ClassModel model = parse(loader, owner);
        if (model == null) return true;
        for (MethodModel method : model.methods()) {
            if (!method.methodName().equalsString(name) || !method.methodType().equalsString(descriptor)) continue;
            CodeModel code = method.code().orElse(null);
            if (code == null) return false;
            for (var element : code) {
                if (!(element instanceof InvokeInstruction call)) continue;
                String callee = call.owner().asInternalName();
                if (callee.equals(CONTEXT) && (call.name().equalsString("localBarrier")
                        || call.name().stringValue().startsWith("localGemm"))) return true;
                if (call.opcode() == Opcode.INVOKESTATIC && !callee.startsWith("java/")
                        && reaches(loader, callee, call.name().stringValue(), call.type().stringValue(), seen)) return true;
            }
            return false;
        }
        return true;
    }

    private static ClassModel parse(ClassLoader loader, String internalName) {
        String resource = internalName + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            return in == null ? null : ClassFile.of().parse(in.readAllBytes());
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
