package dev.mamba2j.tornado.api;

import dev.mamba2j.tornado.api.spi.GraphOp;

import java.util.List;

/** A frozen task graph, ready to be run by an {@link ExecutionPlan}. */
public final class ImmutableTaskGraph {
    private final String name;
    private final List<GraphOp> operations;

    ImmutableTaskGraph(String name, List<GraphOp> operations) {
        this.name = name;
        this.operations = operations;
    }

    public String name() { return name; }

    /** The graph's transfers and tasks in order (read by the runtime). */
    public List<GraphOp> operations() { return operations; }
}
