package dev.mamba2j.tornado.api;

import dev.mamba2j.tornado.api.spi.PlanEngine;

/** The outcome of one {@link ExecutionPlan#execute()}: its profile, and copies back on demand. */
public final class ExecutionResult {
    private final ExecutionPlan plan; // kept reachable while its result is in use: an unreachable plan frees its buffers
    private final PlanEngine executor;
    private final ExecutionProfile profile;

    ExecutionResult(ExecutionPlan plan, PlanEngine executor, ExecutionProfile profile) {
        this.plan = plan;
        this.executor = executor;
        this.profile = profile;
    }

    /**
     * Copies arrays from the device to the host now (for {@link DataTransferMode#UNDER_DEMAND});
     * the copies are added to this result's profile. The plan must still be open.
     */
    public ExecutionResult transferToHost(Object... arrays) {
        executor.copyToHost(profile, arrays);
        return this;
    }

    public ExecutionProfile profile() { return profile; }

    /** TornadoVM's name for {@link #profile()}. */
    public ExecutionProfile getProfilerResult() { return profile; }
}
