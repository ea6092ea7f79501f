package dev.mamba2j.tornado.api.spi;

import dev.mamba2j.tornado.api.Device;

import java.util.List;
import java.util.ServiceLoader;

/**
 * What the API needs of a runtime: the devices it found and an engine for each plan. The API finds
 * its implementation with {@link ServiceLoader} (a runtime jar on the class path lists its class in
 * {@code META-INF/services/dev.mamba2j.tornado.api.spi.TornadoRuntime}), so code written against the
 * API never names the runtime.
 */
public interface TornadoRuntime {
    /** Every device found, best first. */
    List<? extends Device> devices();

    /** What each driver found, or why it found nothing, in load order. */
    List<DriverReport> drivers();

    /** An engine for a new plan over these graphs (each a list of operations, in order); the graphs share buffers. */
    PlanEngine newPlan(List<List<GraphOp>> graphs);

    /** One driver's discovery: its backend (null if it failed to load), class, device count and the reason it found none. */
    record DriverReport(String backend, String driver, int devices, String unavailableReason) {}

    /** The runtime on the class path, loaded once. */
    static TornadoRuntime get() { return Holder.INSTANCE; }

    final class Holder {
        private static final TornadoRuntime INSTANCE = load();

        private Holder() {}

        private static TornadoRuntime load() {
            List<TornadoRuntime> found = ServiceLoader.load(TornadoRuntime.class, TornadoRuntime.class.getClassLoader())
                    .stream().map(ServiceLoader.Provider::get).toList();
            if (found.isEmpty())
                throw new IllegalStateException("no mamba2j runtime on the class path: add the tornado-runtime jar "
                        + "(it provides " + TornadoRuntime.class.getName() + ")");
            if (found.size() > 1)
                throw new IllegalStateException("more than one mamba2j runtime on the class path: "
                        + found.stream().map(r -> r.getClass().getName()).toList());
            return found.getFirst();
        }
    }
}
