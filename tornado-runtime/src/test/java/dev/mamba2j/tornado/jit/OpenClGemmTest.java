package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.runtime.Compilation;

import dev.mamba2j.tornado.conformance.ConformanceKernels;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;
import dev.mamba2j.tornado.emit.opencl.OpenClTarget;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * localGemm's OpenCL C compiled for an NVIDIA target by clang: under the tensor-core macro each
 * call becomes mma.sync instructions (three per fragment step for localGemm, one for
 * localGemmTf32), without it none. The numbers run on a GPU in LocalGemmConformanceTest.
 */
class OpenClGemmTest {
    private static final String MMA = "mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32";

    @Test
    void theTensorCoreVersionIsValidOpenClForNvidia() throws Exception {
        assumeTrue(OpenClC.CLANG != null, "clang-15 not installed: the NVIDIA version of localGemm not compiled");
        Method m = Arrays.stream(ConformanceKernels.class.getMethods()).filter(k -> k.getName().equals("localGemmSquare"))
                .findFirst().orElseThrow();
        String source = Compilation.compile(m, null, OpenClPrinter.PORTABLE).code().text();
        String withMma = OpenClC.toPtx("localGemmSquare", source, OpenClTarget.TENSOR_CORE_BUILD_OPTION.substring(2));
        String without = OpenClC.toPtx("localGemmSquare", source, null);
        // 64×32 over k = 64 then k = 32, as 2 warp tiles of 32×32 (8 mma tiles each; WarpTiles' default) per k-step
        // of 8: (8 + 4) k-steps × 8 tiles × (3 split products + 1 TF32 product): the runtime tf32 flag picks one.
        assertEquals(12 * 8 * (3 + 1), count(withMma, MMA), withMma);
        assertEquals(0, count(without, MMA));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }
}
