package dev.mamba2j.bench;

import dev.mamba2j.tornado.api.Devices;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Lists every compute device the runtime finds, the selected one marked, and drivers that found none. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the compute devices (select one with --device ID, -Dmamba2j.device=ID or MAMBA2J_DEVICE).")
final class DevicesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(Devices.listing());
        return 0;
    }
}
