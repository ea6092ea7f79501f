package dev.mamba2j.tornado.api;

/** When a task graph copies an array between host and device. */
public enum DataTransferMode {
    /** Copy on the first execute() of a plan only (read-only inputs, weights). */
    FIRST_EXECUTION,
    /** Copy on every execute(). */
    EVERY_EXECUTION,
    /** Copy only when asked (ExecutionResult.transferToHost). */
    UNDER_DEMAND
}
