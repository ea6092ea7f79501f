package dev.mamba2j.tornado.jit.bytecode;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Parsed class files of kernel classes, read from the class loader that defined them. */
final class ClassFiles {
    private static final Map<Class<?>, ClassModel> CACHE = new ConcurrentHashMap<>();

    private ClassFiles() {}

    static ClassModel model(Class<?> c) {
        return CACHE.computeIfAbsent(c, k -> {
            String resource = "/" + k.getName().replace('.', '/') + ".class";
            try (InputStream in = k.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("class file of " + k.getName() + " not found");
                return ClassFile.of().parse(in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read class file of " + k.getName(), e);
            }
        });
    }

    static MethodModel method(Class<?> c, String name, String descriptor) {
        for (MethodModel m : model(c).methods())
            if (m.methodName().equalsString(name) && m.methodType().equalsString(descriptor)) return m;
        return null;
    }

    static String sourceFile(Class<?> c) {
        return model(c).findAttribute(Attributes.sourceFile()).map(a -> a.sourceFile().stringValue()).orElse("Unknown Source");
    }
}
