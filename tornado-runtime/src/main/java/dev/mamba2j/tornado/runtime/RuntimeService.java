package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.spi.GraphOp;
import dev.mamba2j.tornado.api.spi.PlanEngine;
import dev.mamba2j.tornado.api.spi.TornadoRuntime;

import java.util.List;

/** This runtime as the API finds it (listed in META-INF/services). */
public final class RuntimeService implements TornadoRuntime {
    @Override public List<? extends Device> devices() { return DeviceRegistry.all(); }

    @Override public List<DriverReport> drivers() { return DeviceRegistry.drivers(); }

    @Override public PlanEngine newPlan(List<List<GraphOp>> graphs) { return new PlanExecutor(graphs); }
}
