package dev.mamba2j.ssd.device;

import dev.mamba2j.ssd.Ssd;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;

/** The SSD forward on a device of the runtime, as the task graph of {@link SsdGraph}. */
public final class DeviceSsd implements Ssd {
    private final Device device;

    public DeviceSsd(Device device) { this.device = device; }

    /** On the device chosen by {@code -Dmamba2j.device} / {@code MAMBA2J_DEVICE}, else the best present. */
    public static DeviceSsd onSelectedDevice() { return new DeviceSsd(Devices.selected()); }

    public Device device() { return device; }

    @Override
    public void forward(SsdInputs in, SsdOutputs out) {
        out.checkFits(in);
        try (SsdGraph graph = new SsdGraph(in, device)) {
            graph.execute();
            graph.readInto(out);
        }
    }
}
