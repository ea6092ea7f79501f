package dev.mamba2j.tornado.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with checked mode off, which the suites turn on: for tests of the plain code the JIT
 * prints (its parameters, its instructions) or that bind a kernel's arguments by hand, without the error
 * buffer checked code takes. Use with {@code @ExtendWith(Unchecked.class)}.
 */
public final class Unchecked implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(Unchecked.class);

    @Override public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("before", String.valueOf(System.getProperty("mamba2j.checked")));
        System.setProperty("mamba2j.checked", "false");
    }

    @Override public void afterAll(ExtensionContext context) {
        String before = context.getStore(NS).get("before", String.class);
        if (before == null || before.equals("null")) System.clearProperty("mamba2j.checked");
        else System.setProperty("mamba2j.checked", before);
    }
}
