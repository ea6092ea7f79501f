package dev.mamba2j.verification.model;

import dev.mamba2j.model.layers.Linear;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;

import java.util.List;

/**
 * The devices a language model runs on: those whose local memory holds the tiled linear layer's smallest
 * tiles (27.5 KiB; lavapipe's 32 KiB does). The others are named once on the output, with the reason,
 * instead of failing every model test the same way.
 */
final class ModelDevices {
    static final List<Device> ALL = select();

    private ModelDevices() {}

    private static List<Device> select() {
        List<Device> small = Devices.all().stream().filter(d -> !Linear.tiledFits(d)).toList();
        if (!small.isEmpty())
            System.out.println("model tests skip " + small.stream().map(d -> d.id() + " (" + d.localMemoryBytes() + " bytes of local memory)").toList()
                    + ": the tiled linear layer stages " + Linear.TILED_LOCAL_BYTES + " bytes");
        return Devices.all().stream().filter(Linear::tiledFits).toList();
    }
}
