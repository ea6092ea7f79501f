package dev.mamba2j.verification;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.ssd.device.SsdGraph;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The device SSD's errors name the argument at fault, not the kernel or the arithmetic that would fail on it. */
class DeviceSsdErrorsTest {
    /** The JVM device; the test is skipped, saying why, in a run whose drivers leave it out (mamba2j.drivers). */
    private static Device jvm() {
        assumeTrue(Devices.all().stream().anyMatch(d -> d.id().equals("jvm")), "the JVM device is not loaded (mamba2j.drivers), so its checks do not run here");
        return Devices.get("jvm");
    }

    @Test
    void aChunkLargerThanTheDevicesWorkGroupNamesChunkSize() {
        Device jvm = jvm();
        SsdInputs in = new RandomSsdInputs(1).builder(new SsdShape(1, 64, 2, 4, 1, 4)).chunkSize(jvm.maxWorkGroupSize() + 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SsdGraph(in, jvm).close());
        assertTrue(e.getMessage().startsWith("chunk_size " + (jvm.maxWorkGroupSize() + 1)) && e.getMessage().contains("jvm"), e.getMessage());
    }

    @Test
    void arraysPastTwoToTheThirtyOneNameTheArray() {
        // 2^16 tokens × 2^8 heads × 2^8 headdim: x alone would need 2^32 elements (never allocated: the check comes first)
        SsdShape shape = new SsdShape(1, 1 << 16, 1 << 8, 1 << 8, 1, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dev.mamba2j.ssd.device.SsdTasks.size("x (batch × L × heads × headdim)", shape.xSize()));
        assertTrue(e.getMessage().contains("x (batch × L × heads × headdim)") && e.getMessage().contains("4,294,967,296"), e.getMessage());
    }

    @Test
    void loadingInputsOfAnotherShapeIsRefused() {
        Device jvm = jvm();
        SsdShape built = new SsdShape(1, 64, 2, 4, 1, 4);
        try (SsdGraph graph = new SsdGraph(new RandomSsdInputs(2).builder(built).chunkSize(16).build(), jvm)) {
            SsdInputs smaller = new RandomSsdInputs(3).builder(new SsdShape(1, 32, 2, 4, 1, 4)).chunkSize(16).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> graph.load(smaller));
            assertTrue(e.getMessage().startsWith("this SSD graph was built for"), e.getMessage());
        }
    }
}
