package dev.mamba2j.bench;

import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import picocli.CommandLine.Option;

/** {@code --device ID}: the device to run on; without it the selected (or best present) one. */
final class DeviceOption {
    @Option(names = "--device", paramLabel = "ID",
            description = "device id as listed by 'devices' (cuda:0, opencl:P:D, jvm); default: the selected or best present")
    String id;

    /** The device named, or the selected one when none is; an empty name is an error, not the default. */
    Device device() { return id == null ? Devices.selected() : Devices.get(id); }
}
