package dev.mamba2j.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mamba2j.kernels.nn.SwiGlu;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.ptx.PtxPrinter;
import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.emit.ptx.Ptxas;
import dev.mamba2j.tornado.runtime.Compilation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hybrid models' attention and MLP kernels printed as PTX for sm_90, at the shapes the models and
 * benchmarks specialise them to (head dims 64, 80 and 128, grouped-query ratios 1 to 8), and assembled by
 * ptxas, with the register, spill and shared-memory report on the test output. Skipped, with a message,
 * where ptxas is not installed.
 */
class AttentionPtxAssemblyTest {
    static final PtxTarget HOPPER = PtxTarget.forDevice(9, 0, 13000);

    static Stream<Arguments> kernels() {
        return Stream.of(
                // prefill: heads, kvHeads, headDim, context, queryTile, keyTile, tiles, scale, tf32
                Arguments.of("prefill hd128", "FlashAttention.prefill", args(FlashAttention.class, "prefill", 32, 8, 128, 4096, 16, 32, 256, 0.1f, true)),
                Arguments.of("prefill hd80", "FlashAttention.prefill", args(FlashAttention.class, "prefill", 32, 8, 80, 4096, 16, 32, 256, 0.1f, false)),
                Arguments.of("prefill hd64", "FlashAttention.prefill", args(FlashAttention.class, "prefill", 8, 8, 64, 4096, 32, 32, 128, 0.1f, true)),
                Arguments.of("prefill bf16 hd128", "FlashAttention.prefillBf16", args(FlashAttention.class, "prefillBf16", 32, 32, 128, 16384, 16, 32, 1024, 0.1f, true)),
                Arguments.of("prefill bf16 hd128 64x64", "FlashAttention.prefillBf16",
                        args(FlashAttention.class, "prefillBf16", 32, 32, 128, 16384, 64, 64, 256, 0.1f, true)),
                Arguments.of("prefill bf16 hd128 64x32", "FlashAttention.prefillBf16",
                        args(FlashAttention.class, "prefillBf16", 32, 32, 128, 16384, 64, 32, 256, 0.1f, true)),
                // decode partial: heads, kvHeads, headDim, context, split, splits, scale
                Arguments.of("decode hd128 gqa8", "DecodeAttention.partial", args(DecodeAttention.class, "partial", 32, 4, 128, 32768, 256, 128, 0.1f)),
                Arguments.of("decode hd80 gqa4", "DecodeAttention.partial", args(DecodeAttention.class, "partial", 32, 8, 80, 8192, 64, 128, 0.1f)),
                Arguments.of("decode hd64 mha", "DecodeAttention.partial", args(DecodeAttention.class, "partial", 32, 32, 64, 2048, 64, 32, 0.1f)),
                Arguments.of("decode bf16 hd128 gqa4", "DecodeAttention.partialBf16", args(DecodeAttention.class, "partialBf16", 32, 8, 128, 32768, 256, 128, 0.1f)),
                Arguments.of("combine", "DecodeAttention.combine", args(DecodeAttention.class, "combine", 32, 128, 256, 128)),
                Arguments.of("rotary to cache", "KvCacheWrite.rotaryToCache",
                        args(KvCacheWrite.class, "rotaryToCache", 64, 32, 8, 128, 64, false, 4096)),
                Arguments.of("rotary to bf16 cache", "KvCacheWrite.rotaryToCacheBf16",
                        args(KvCacheWrite.class, "rotaryToCacheBf16", 64, 32, 8, 128, 64, false, 4096)),
                Arguments.of("swiglu", "SwiGlu.gate", args(SwiGlu.class, "gate", 64, 1024)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void assemblesForSm90(String label, String name, Object[] call) throws Exception {
        Path ptxas = Ptxas.find().orElse(null);
        assumeTrue(ptxas != null, "ptxas not installed: PTX assembly of the attention kernels skipped");
        KernelCode code = Compilation.compile((Method) call[0], (Object[]) call[1], new PtxPrinter(HOPPER)).code();
        Ptxas.Result r = Ptxas.assemble(ptxas, code.text(), HOPPER.sm());
        System.out.println("ptxas " + HOPPER.sm() + " " + name + " (" + label + "):\n" + r.log().strip());
        assertTrue(r.ok(), () -> name + ": ptxas failed:\n" + r.log());
        assertFalse(r.log().contains("warning"), () -> name + ": " + r.log());
    }

    /** The kernel named {@code method} of {@code type} and its arguments: nulls for the context and the arrays, then the scalars in order. */
    private static Object[] args(Class<?> type, String method, Object... scalars) {
        Method m = Arrays.stream(type.getDeclaredMethods()).filter(x -> x.getName().equals(method)).findFirst().orElseThrow();
        Object[] a = new Object[m.getParameterCount()];
        Class<?>[] p = m.getParameterTypes();
        for (int i = 0, next = 0; i < p.length; i++) if (p[i].isPrimitive()) a[i] = scalars[next++];
        return new Object[] {m, a};
    }

}
