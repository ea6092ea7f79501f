package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.emit.KernelCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Shared by the CUDA tests: the first device (or a skip saying why there is none) and the test PTX. */
final class CudaTestSupport {
    private static final CudaDriver DRIVER = new CudaDriver();

    private CudaTestSupport() {}

    /** The first CUDA device; skips the test with the driver's reason when there is none. */
    static CudaDevice deviceOrSkip() {
        assumeTrue(!DRIVER.devices().isEmpty(), () -> "no CUDA device, test skipped: " + DRIVER.unavailableReason());
        return (CudaDevice) DRIVER.devices().getFirst();
    }

    /** A kernel body from the test resources behind the header for {@code target}. */
    static String ptx(String name, PtxTarget target) {
        try (InputStream in = CudaTestSupport.class.getResourceAsStream(name + ".ptx")) {
            if (in == null) throw new IllegalStateException("missing test resource " + name + ".ptx");
            return target.header() + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hand-written PTX as the JIT would hand it over; no declared params, so arguments are not checked. */
    static KernelCode kernel(String name, PtxTarget target) {
        return new KernelCode(name, KernelCode.Language.PTX, ptx(name, target), null, List.of());
    }
}
