package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.driver.DeviceBuffer;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Prints host-to-device copy speed (wall clock, median of 5) for pageable memory, memory pinned
 * for just the copy, and memory pinned beforehand: the numbers behind the auto-pin threshold of
 * {@link CudaSession}. Asserts nothing about speed. Needs a CUDA GPU.
 */
class CudaCopyTimingTest {
    @Test
    void pageableVersusPinnedCopies() {
        CudaDevice device = CudaTestSupport.deviceOrSkip();
        try (CudaSession s = device.open(); Arena a = Arena.ofConfined()) {
            System.out.println("MiB  pageable GB/s  pinned-per-copy GB/s  pre-pinned GB/s");
            for (int mib : new int[] {1, 4, 16, 64, 256, 1024}) {
                long bytes = (long) mib << 20;
                MemorySegment host = a.allocate(bytes, 4096);
                host.fill((byte) 1);
                DeviceBuffer buf = s.allocate(bytes);
                s.setAutoPinBytes(-1);
                double pageable = gbPerSecond(s, buf, host, bytes);
                s.setAutoPinBytes(0);
                double perCopy = gbPerSecond(s, buf, host, bytes);
                double pre;
                try (PinnedMemory p = s.pin(host)) {
                    pre = gbPerSecond(s, buf, host, bytes);
                }
                System.out.printf("%4d  %13.1f  %20.1f  %15.1f%n", mib, pageable, perCopy, pre);
                buf.close();
            }
        }
    }

    private static double gbPerSecond(CudaSession s, DeviceBuffer buf, MemorySegment host, long bytes) {
        long[] ns = new long[5];
        s.write(buf, host, bytes); // warm-up
        for (int i = 0; i < ns.length; i++) {
            long t0 = System.nanoTime();
            s.write(buf, host, bytes);
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        return (double) bytes / ns[ns.length / 2];
    }
}
