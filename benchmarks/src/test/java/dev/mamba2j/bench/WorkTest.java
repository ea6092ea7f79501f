package dev.mamba2j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WorkTest {

    @Test
    void ssdCountsMatchTheFormulasByHand() {
        // batch 2, L 300 (2 chunks of 256 per row), heads 4, headdim 8, groups 2, d_state 16, fp32
        Work w = Work.ssd(2, 300, 4, 8, 2, 16, 256, 4);
        long t = 600, k = 4;
        long bytes = 4 * (2 * t * 4 * 8 + t * 4 + 2 * t * 2 * 16 + 2 * 4 * 8 * 16);
        long flops = 2 * t * 256 * 2 * 16 + 2 * t * 256 * 4 * 8 + 2 * t * 4 * 8 * 16 + 2 * k * 4 * 8 * 16 + 2 * t * 4 * 8 * 16;
        assertEquals(bytes, w.bytes(), 0);
        assertEquals(flops, w.flops(), 0);
        assertEquals(w.bytes() / 1e3, w.gbPerSecond(1e3), 1e-9);           // bytes per ns = GB/s
        assertEquals(w.bytes() / 2e9 * 1e3, w.bandwidthFloorMs(2), 1e-12); // at 2 GB/s, in ms
        assertEquals(w.flops() / 3e12 * 1e3, w.computeFloorMs(3), 1e-12);  // at 3 TFLOP/s, in ms
        assertEquals(Double.NaN, w.computeFloorMs(0));                     // no peak, no floor
    }

    @Test
    void bf16HalvesTheBytesNotTheFlops() {
        Work fp32 = Work.ssd(1, 4096, 64, 64, 1, 128, 256, 4), bf16 = Work.ssd(1, 4096, 64, 64, 1, 128, 256, 2);
        assertEquals(fp32.bytes() / 2, bf16.bytes(), 0);
        assertEquals(fp32.flops(), bf16.flops(), 0);
    }
}
