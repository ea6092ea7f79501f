package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.conformance.ConformanceKernels;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;

/**
 * Run as its own process, the way a user runs the jar (no signal-chaining library preloaded): loads
 * every driver, runs a kernel on every device, then divides by zero many times in plain Java and
 * prints how many divisions failed to throw, and on which devices it ran.
 */
public final class SignalProbe {
    public static void main(String[] args) {
        StringBuilder ran = new StringBuilder();
        for (Device d : Devices.all()) {
            FloatArray in = new FloatArray(64), out = new FloatArray(64);
            try (ExecutionPlan plan = new ExecutionPlan(new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                    .task("k", ConformanceKernels::addOne, new KernelContext(), in, out, 64).transferToHost(EVERY_EXECUTION, out).snapshot())
                    .withDevice(d).withGrid("k", WorkerGrid.of1D(64))) {
                plan.execute();
            }
            ran.append(d.id()).append(' ');
        }
        int silent = 0, zero = args.length; // zero is 0, unknown to the JIT
        for (int i = 0; i < 200_000; i++) {
            try {
                int q = i / zero;
                if (q != Integer.MIN_VALUE) silent++;
            } catch (ArithmeticException expected) {
                // Java's behaviour
            }
        }
        System.out.println("devices " + ran.toString().strip());
        System.out.println("silent divisions " + silent);
    }
}
