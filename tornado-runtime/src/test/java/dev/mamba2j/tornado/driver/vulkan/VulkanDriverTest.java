package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.testing.Unchecked;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.spirv.SpirvPrinter;
import dev.mamba2j.tornado.jit.SampleKernels;
import dev.mamba2j.tornado.runtime.Compilation;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Vulkan driver on its own: discovery, copies and a launch. Skipped, saying why, where no Vulkan device is present. */
@ExtendWith(Unchecked.class) // the plain code: its shape, or its arguments bound by hand
class VulkanDriverTest {
    private static ComputeDevice first() {
        VulkanDriver driver = new VulkanDriver();
        assumeTrue(!driver.devices().isEmpty(), () -> "no Vulkan device: " + driver.unavailableReason());
        ComputeDevice d = driver.devices().getFirst();
        System.out.println("Vulkan device: " + d);
        return d;
    }

    @Test
    void listsDevicesWithIds() {
        ComputeDevice d = first();
        assertTrue(d.id().startsWith("vulkan:"), d.id());
        assertTrue(d.maxWorkGroupSize() >= 128, d.toString());
    }

    @Test
    void copiesRoundTrip() {
        try (DeviceSession s = first().open(); Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate(JAVA_FLOAT, 1000), back = a.allocate(JAVA_FLOAT, 1000);
            for (int i = 0; i < 1000; i++) host.setAtIndex(JAVA_FLOAT, i, i * 0.5f);
            DeviceBuffer b = s.allocate(4000);
            s.write(b, host, 4000);
            s.read(back, b, 4000);
            assertEquals(-1, host.mismatch(back));
        }
    }

    @Test
    void launchesAKernelAndTimesIt() throws Exception {
        var m = SampleKernels.class.getDeclaredMethod("addFloat", KernelContext.class, FloatArray.class, FloatArray.class, FloatArray.class,
                int.class);
        KernelCode code = Compilation.compile(m, null, SpirvPrinter.VULKAN).code();
        try (DeviceSession s = first().open(); Arena a = Arena.ofConfined()) {
            int n = 1000;
            MemorySegment x = a.allocate(JAVA_FLOAT, n), y = a.allocate(JAVA_FLOAT, n), z = a.allocate(JAVA_FLOAT, n);
            for (int i = 0; i < n; i++) {
                x.setAtIndex(JAVA_FLOAT, i, i);
                y.setAtIndex(JAVA_FLOAT, i, 1);
            }
            DeviceBuffer bx = s.allocate(4L * n), by = s.allocate(4L * n), bz = s.allocate(4L * n);
            s.write(bx, x, 4L * n);
            s.write(by, y, 4L * n);
            LoadedKernel k = s.load(code);
            long ns = s.launch(k, List.of(new KernelArg.Buffer(bx), new KernelArg.Buffer(by), new KernelArg.Buffer(bz), new KernelArg.Int(n)),
                    WorkerGrid.of1D(n).setLocalWork(64));
            assertTrue(ns >= 0);
            s.read(z, bz, 4L * n);
            for (int i = 0; i < n; i++) assertEquals(i + 1f, z.getAtIndex(JAVA_FLOAT, i), "at " + i);
        }
    }

    /**
     * Where the device lists a 16×16×16 bf16 product, the session's printer writes localGemm on it (the conformance
     * suite then checks its results); elsewhere localGemm stays the portable loop.
     */
    @Test
    void localGemmTakesTheMatrixUnitsTheDeviceLists() throws Exception {
        var m = dev.mamba2j.tornado.conformance.ConformanceKernels.class.getDeclaredMethod("localGemmSquare", KernelContext.class,
                FloatArray.class, FloatArray.class, FloatArray.class, boolean.class);
        for (ComputeDevice d : new VulkanDriver().devices()) {
            VulkanDevice device = (VulkanDevice) d;
            try (VulkanSession s = device.open()) {
                boolean listed = device.cooperativeMatrices().bf16Product() != null;
                System.out.println(d.id() + " matrix units: " + device.cooperativeMatrices());
                byte[] code = Compilation.compile(m, new Object[] {null, null, null, null, true}, s.printer()).code().binary();
                assertEquals(listed, s.cooperativeMatrices().bf16Product() != null, d + ": the session's matrix units");
                assertEquals(listed, hasOpcode(code, 4459), d + ": OpCooperativeMatrixMulAddKHR in the printed localGemm");
            }
        }
    }

    /** Asked to, where the driver reports what its compiler made of a pipeline, the session reads it for each work-group size. */
    @Test
    void pipelinesReportTheCompilersStatistics() throws Exception {
        String was = System.setProperty(ShaderStatistics.PROPERTY, "true");
        try {
            statisticsOfEachDevice();
        } finally {
            if (was == null) System.clearProperty(ShaderStatistics.PROPERTY);
            else System.setProperty(ShaderStatistics.PROPERTY, was);
        }
    }

    private static void statisticsOfEachDevice() throws Exception {
        var m = dev.mamba2j.tornado.conformance.ConformanceKernels.class.getDeclaredMethod("localGemmSquare", KernelContext.class,
                FloatArray.class, FloatArray.class, FloatArray.class, boolean.class);
        for (ComputeDevice d : new VulkanDriver().devices()) {
            VulkanDevice device = (VulkanDevice) d;
            try (VulkanSession s = device.open()) {
                var kernel = s.load(Compilation.compile(m, new Object[] {null, null, null, null, true}, s.printer()).code());
                java.util.List<String> stats = s.shaderStatistics(kernel, java.util.List.of(128, 1, 1));
                System.out.println(d.id() + " lists " + ShaderStatistics.EXTENSION + ": " + device.shaderStatistics + "; localGemmSquare (128): " + stats);
                assertEquals(s.capturesShaderStatistics(), !stats.isEmpty(), d + ": statistics where the session captures them");
                try (VulkanSession plain = withoutStatistics(device)) {
                    assertTrue(!plain.capturesShaderStatistics(), d + ": statistics captured unasked");
                }
                if (!device.shaderStatistics) assertTrue(stats.isEmpty(), d + " does not list " + ShaderStatistics.EXTENSION);
                for (String st : stats) assertTrue(st.matches(".+ (true|false|-?[0-9.E-]+)"), st);
            }
        }
    }

    private static VulkanSession withoutStatistics(VulkanDevice device) {
        String was = System.clearProperty(ShaderStatistics.PROPERTY);
        try {
            return device.open();
        } finally {
            if (was != null) System.setProperty(ShaderStatistics.PROPERTY, was);
        }
    }

    /** Whether a SPIR-V module has an instruction with this opcode (walking it instruction by instruction). */
    private static boolean hasOpcode(byte[] module, int opcode) {
        var words = java.nio.ByteBuffer.wrap(module).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        for (int at = 5; at < words.limit(); at += words.get(at) >>> 16)
            if ((words.get(at) & 0xffff) == opcode) return true;
        return false;
    }
}
