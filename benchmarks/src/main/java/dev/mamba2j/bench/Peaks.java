package dev.mamba2j.bench;

import dev.mamba2j.tornado.api.Device;
import picocli.CommandLine.Option;

/**
 * The device's peak bandwidth and FLOP rate that the floors divide by. Given as options, else
 * known for a few devices by name (measured ceilings, not datasheet numbers), else unknown (the
 * floors are then left empty).
 */
final class Peaks {
    @Option(names = "--peak-gbs", paramLabel = "GB/s", description = "peak memory bandwidth for the floors (default: known devices only)")
    double gbPerSecond;
    @Option(names = "--peak-tflops", paramLabel = "TFLOP/s", description = "peak fp32 FLOP rate for the floors (default: known devices only)")
    double tflopPerSecond;

    /** H100 80GB HBM3: device-to-device copy about 3.0 TB/s, fp32 (no TF32) matmul about 52 TFLOP/s, both measured. */
    Peaks resolve(Device device) {
        Peaks p = new Peaks();
        boolean h100 = device.name().contains("H100");
        p.gbPerSecond = gbPerSecond > 0 ? gbPerSecond : h100 ? 3000 : 0;
        p.tflopPerSecond = tflopPerSecond > 0 ? tflopPerSecond : h100 ? 52 : 0;
        return p;
    }
}
