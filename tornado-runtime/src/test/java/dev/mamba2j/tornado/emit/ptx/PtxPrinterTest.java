package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.runtime.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The printer's output for the sample kernels, checked by ptxas where it is installed. */
class PtxPrinterTest {
    static final PtxTarget HOPPER = PtxTarget.forDevice(9, 0, 13000);

    static Stream<Function> samples() { return PtxSamples.all().stream(); }

    @ParameterizedTest
    @MethodSource("samples")
    void assemblesWithPtxas(Function f) throws Exception {
        String ptx = PtxPrinter.emit(f, HOPPER);
        assertTrue(ptx.startsWith("// " + f.name()) && ptx.contains(".visible .entry " + f.name() + "("), ptx);
        Path ptxas = Ptxas.find().orElse(null);
        assumeTrue(ptxas != null, "ptxas not found, assembling skipped");
        for (String gpu : List.of("sm_90", "sm_80")) {
            String text = gpu.equals("sm_90") ? ptx : PtxPrinter.emit(f, PtxTarget.forDevice(8, 0, 13000));
            Ptxas.Result r = Ptxas.assemble(ptxas, text, gpu);
            assertEquals(0, r.exitCode(), gpu + ":\n" + r.log() + "\n" + numbered(text));
        }
    }

    private static String numbered(String text) {
        String[] lines = text.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) sb.append(i + 1).append(": ").append(lines[i]).append('\n');
        return sb.toString();
    }

    @Test
    void printsTheExpectedInstructions() throws IOException {
        String sum = PtxPrinter.emit(PtxSamples.blockSum(), HOPPER);
        assertTrue(sum.contains(".shared .align 16 .b8 s_tile[1024];"), sum);
        assertTrue(sum.contains("bar.sync 0;") && sum.contains("red.global.add.s32") && sum.contains("ld.shared.s32"), sum);
        String conv = PtxPrinter.emit(PtxSamples.conversions(), HOPPER);
        assertTrue(conv.contains("cvt.rzi.s32.f32") && conv.contains("cvt.rzi.s64.f64") && conv.contains("cvt.rn.f32.f64"), conv);
        String axpy = PtxPrinter.emit(PtxSamples.axpy(), HOPPER);
        assertTrue(axpy.contains("mul.rn.f32") && axpy.contains("add.rn.f32") && !axpy.contains("fma"), axpy);
        assertTrue(axpy.contains("ld.param.u64 %a_x, [p_x];") && axpy.contains(".param .f32 p_alpha"), axpy);
        String grid = PtxPrinter.emit(PtxSamples.grid2d(), HOPPER);
        assertTrue(grid.contains(".local .align 16 .b8 l_p[16];") && grid.contains("%ctaid.y"), grid);
    }

    /** Two local arrays of n floats each. */
    static void twoTiles(KernelContext ctx, FloatArray out, int n) {
        float[] a = ctx.allocateFloatLocalArray(n);
        float[] b = ctx.allocateFloatLocalArray(n);
        a[ctx.localIdx] = ctx.localIdx;
        b[n - 1 - ctx.localIdx] = 1f;
        ctx.localBarrier();
        out.set(ctx.globalIdx, a[n - 1 - ctx.localIdx] + b[ctx.localIdx]);
    }

    @Test
    void localArraysPast48KiBBecomeDynamicSharedMemory() throws Exception {
        var kernel = PtxPrinterTest.class.getDeclaredMethod("twoTiles", KernelContext.class, FloatArray.class, int.class);
        KernelCode fits = Compilation.compile(kernel, new Object[] {null, null, 6144}, new PtxPrinter(HOPPER)).code(); // 2 × 24 KiB
        assertEquals(0, fits.dynamicLocalBytes());
        assertTrue(fits.text().contains(".shared .align 16 .b8 s_a") && !fits.text().contains(".extern"), fits.text());
        KernelCode big = Compilation.compile(kernel, new Object[] {null, null, 6145}, new PtxPrinter(HOPPER)).code(); // 16 bytes over
        assertEquals(2 * 24592, big.dynamicLocalBytes(), "each array 16-byte aligned");
        assertTrue(big.text().contains(".extern .shared .align 16 .b8 s_dynamic[];") && !big.text().contains(".b8 s_a"), big.text());
        assertTrue(big.text().contains("s_dynamic+0;") && big.text().contains("s_dynamic+24592;"), big.text());
        Path ptxas = Ptxas.find().orElse(null);
        assumeTrue(ptxas != null, "ptxas not found, assembling skipped");
        Ptxas.Result r = Ptxas.assemble(ptxas, big.text(), HOPPER.sm());
        assertEquals(0, r.exitCode(), r.log());
    }

    @Test
    void compiledKernelListsTheDeviceParameters() {
        var k = new PtxPrinter(HOPPER).print(PtxSamples.axpy());
        assertEquals("axpy", k.entryName());
        assertEquals(5, k.params().size());
        assertEquals(float.class, k.params().get(4).type());
    }

    @Test
    void libraryMathIsInlinedJava() {
        String ptx = PtxPrinter.emit(PtxSamples.libraryMath(), HOPPER);
        // no calls: the device math library's Java is inlined (exp's rint, fmod's integer remainder, pow's log series)
        assertTrue(!ptx.contains(".func") && !ptx.contains("call"), ptx);
        assertTrue(ptx.contains("cvt.rni.f64.f64") && ptx.contains("rem.s64") && ptx.contains("div.rn.f64"), ptx);
        String math = PtxPrinter.emit(PtxSamples.math(), HOPPER);
        assertTrue(math.contains("ex2.approx.f32") && math.contains("lg2.approx.f32") && math.contains("copysign.f32"), math);
    }
}
