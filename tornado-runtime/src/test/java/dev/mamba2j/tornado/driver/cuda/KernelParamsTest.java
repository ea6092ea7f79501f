package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.KernelCode.Param;
import dev.mamba2j.tornado.ir.ParamKind;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The kernelParams array, built without a device (scalars only: buffers need a session). */
class KernelParamsTest {
    private static KernelCode kernel(Param... params) {
        return new KernelCode("k", KernelCode.Language.PTX, "", null, List.of(params));
    }

    @Test
    void eachPointerLeadsToItsValue() {
        KernelCode k = kernel(new Param(ParamKind.SCALAR, 0, int.class), new Param(ParamKind.SCALAR, 1, long.class),
                new Param(ParamKind.SCALAR, 2, float.class), new Param(ParamKind.SCALAR, 3, double.class));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = KernelParams.build(a, k, List.of(new KernelArg.Int(-7), new KernelArg.Long(1L << 40),
                    new KernelArg.Float(2.5f), new KernelArg.Double(Math.PI)), null);
            assertEquals(-7, p.getAtIndex(ADDRESS, 0).reinterpret(4).get(JAVA_INT, 0));
            assertEquals(1L << 40, p.getAtIndex(ADDRESS, 1).reinterpret(8).get(JAVA_LONG, 0));
            assertEquals(2.5f, p.getAtIndex(ADDRESS, 2).reinterpret(4).get(JAVA_FLOAT, 0));
            assertEquals(Math.PI, p.getAtIndex(ADDRESS, 3).reinterpret(8).get(JAVA_DOUBLE, 0));
        }
    }

    @Test
    void wrongCountOrKindIsRefused() {
        KernelCode k = kernel(new Param(ParamKind.BUFFER, 0, null), new Param(ParamKind.ARRAY_LENGTH, 0, null));
        assertThrows(IllegalArgumentException.class, () -> KernelParams.check(k, List.of(new KernelArg.Int(1))));
        assertThrows(IllegalArgumentException.class,
                () -> KernelParams.check(k, List.of(new KernelArg.Int(1), new KernelArg.Int(2))));
        KernelCode f = kernel(new Param(ParamKind.SCALAR, 0, float.class));
        assertThrows(IllegalArgumentException.class, () -> KernelParams.check(f, List.of(new KernelArg.Double(1))));
    }

    @Test
    void buffersOfAnotherKindAreRefused() {
        KernelCode k = kernel(new Param(ParamKind.BUFFER, 0, null));
        var foreign = new dev.mamba2j.tornado.driver.DeviceBuffer() {
            @Override public long bytes() { return 4; }
            @Override public void close() {}
        };
        try (Arena a = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class,
                    () -> KernelParams.build(a, k, List.of(new KernelArg.Buffer(foreign)), null));
        }
    }
}
