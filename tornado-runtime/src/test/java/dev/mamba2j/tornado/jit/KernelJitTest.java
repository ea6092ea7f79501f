package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.testing.Unchecked;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.runtime.Compilation;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;

import dev.mamba2j.tornado.emit.KernelCode.Language;
import dev.mamba2j.tornado.emit.KernelCode.Param;
import dev.mamba2j.tornado.ir.ParamKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The driver contract: device parameters, specialisation, caching, float math, dumps. */
@ExtendWith(Unchecked.class) // the plain code: its shape, or its arguments bound by hand
class KernelJitTest {
    static Method kernel(String name) {
        return Arrays.stream(SampleKernels.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    static KernelCode compile(String name, Object... args) { return Compilation.compile(kernel(name), args, OpenClPrinter.PORTABLE).code(); }

    @Test
    void contextHasNoDeviceParameterAndScalarsFollowJavaOrder() {
        KernelCode k = compile("addFloat");
        assertEquals("addFloat", k.entryName());
        assertEquals(List.of(new Param(ParamKind.BUFFER, 1, dev.mamba2j.tornado.api.arrays.FloatArray.class),
                new Param(ParamKind.BUFFER, 2, dev.mamba2j.tornado.api.arrays.FloatArray.class),
                new Param(ParamKind.BUFFER, 3, dev.mamba2j.tornado.api.arrays.FloatArray.class),
                new Param(ParamKind.SCALAR, 4, int.class)), k.params());
        assertTrue(KernelJit.compile(kernel("addFloat"), null, OpenClPrinter.PORTABLE.mathTarget()).specialised().isEmpty());
        assertTrue(k.text().contains("__kernel void addFloat(__global float *a_g0, __global float *b_g1, __global float *c_g2, int n_0)"), k.text());
    }

    @Test
    void kernelsNamedLikeOpenClBuiltinsAreRenamed() {
        KernelCode k = compile("step");
        assertEquals("step_kernel", k.entryName());
        assertTrue(k.text().contains("__kernel void step_kernel("), k.text());
    }

    @Test
    void getSizeAddsALengthParameterAfterItsBuffer() {
        List<ParamKind> kinds = compile("reduce").params().stream().map(Param::kind).toList();
        assertEquals(List.of(ParamKind.BUFFER, ParamKind.ARRAY_LENGTH, ParamKind.BUFFER), kinds);
        assertEquals(1, compile("reduce").params().get(1).javaIndex());
    }

    @Test
    void twelveParameters() {
        List<Param> ps = compile("twelveParams").params();
        assertEquals(12, ps.size());
        assertEquals(List.of(int.class, long.class, float.class, double.class, boolean.class),
                ps.subList(7, 12).stream().map(Param::type).toList());
        assertTrue(ps.subList(0, 7).stream().allMatch(p -> p.kind() == ParamKind.BUFFER));
    }

    @Test
    void localSizeFromAScalarSpecialisesItAndIsCachedPerValue() {
        KernelCode k64 = compile("prefixSum", null, null, 64);
        KernelIr ir64 = KernelJit.compile(kernel("prefixSum"), new Object[] {null, null, 64}, OpenClPrinter.PORTABLE.mathTarget());
        assertEquals(Map.of(2, 64), ir64.specialised());
        assertEquals(List.of(ParamKind.BUFFER), k64.params().stream().map(Param::kind).toList());
        assertTrue(k64.text().contains("__local int buf_l1[128];"), k64.text());
        KernelCode k32 = compile("prefixSum", null, null, 32);
        assertTrue(k32.text().contains("__local int buf_l1[64];"), k32.text());
        assertSame(ir64, KernelJit.compile(kernel("prefixSum"), new Object[] {null, null, 64}, OpenClPrinter.PORTABLE.mathTarget()));
        assertNotSame(ir64, KernelJit.compile(kernel("prefixSum"), new Object[] {null, null, 32}, OpenClPrinter.PORTABLE.mathTarget()));
    }

    @Test
    void specialisedValueMustBeGiven() {
        KernelCompilationException e = assertThrows(KernelCompilationException.class, () -> compile("prefixSum", null, null, null));
        assertTrue(e.getMessage().contains("argument 2"), e.getMessage());
    }

    @Test
    void staticFinalSizesFold() {
        String text = compile("matmulTiled").text();
        assertTrue(text.contains("__local float ta_l1[256];") || text.contains("[256];"), text);
        assertTrue(compile("rmsNorm").text().contains("[16];"));
        // Past the unrolling limit the loop stays, and so does the array, of the specialised size.
        assertTrue(compile("privateSpecialised", null, null, 300).text().contains("long l_p2[301];"));
        // Within it, the loop is unrolled and the arrays become one variable per element.
        String small = compile("privateSpecialised", null, null, 8).text();
        assertFalse(small.contains("l_p2["), small);
        assertTrue(small.contains("long l_p2_0_"), small);
    }

    @Test
    void floatMathStaysInFloatAndRealDoubleMathStaysDouble() {
        String f = compile("math").text();
        assertFalse(f.contains("double"), f);
        assertFalse(f.contains("cl_khr_fp64"), f);
        assertTrue(f.contains("exp(v_3)") && f.contains("pow(v_3, 2.0f)"), f);
        String bins = compile("atomics").text();
        assertFalse(bins.contains("double"), bins);
        assertTrue(bins.contains("floor(v_"), bins);
        String d = compile("doubleMath").text();
        assertTrue(d.startsWith("#pragma OPENCL EXTENSION cl_khr_fp64 : enable"), d);
        assertTrue(d.contains("double "), d);
    }

    @Test
    void javaSemanticsAreSpelledOut() {
        String ints = compile("intOps").text();
        // the lowering's guards: a divisor of 0 or -1 replaced by 1, the count masked, NaN selected to 0
        assertTrue(ints.contains(" / safe_") && ints.contains(" & 31;") && ints.contains("(uint)"), ints);
        String casts = compile("casts").text();
        assertTrue(casts.contains("convert_int_sat_rtz") && casts.matches("(?s).*nan_\\d+ \\? 0 : trunc_.*"), casts);
        String half = compile("halfAndBf16").text();
        assertTrue(half.contains("vload_half(") && half.contains("vstore_half_rte(") && half.contains("j_store_half(") && half.contains("j_bf16("), half);
        String atomics = compile("atomics").text();
        assertTrue(atomics.contains("atomic_add(&local_l") && atomics.contains("atomic_cmpxchg"), atomics);
    }

    @Test
    void optimisedIrIsAvailableToOtherPrinters() {
        var f = KernelJit.optimised(kernel("addFloat"), Map.of());
        assertEquals(4, f.deviceParams().size());
        assertTrue(f.toString().contains("Load"), f.toString());
    }

    @Test
    void dumpsKernelsWhenAsked(@TempDir Path dir) throws Exception {
        System.setProperty("mamba2j.dumpKernels", dir.toString());
        try {
            compile("prefixSum", null, null, 8); // a specialisation no other test prints
        } finally {
            System.clearProperty("mamba2j.dumpKernels");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.getFirst().matches("SampleKernels_prefixSum_[0-9a-f]+\\.cl"), names.toString());
        }
    }
}
