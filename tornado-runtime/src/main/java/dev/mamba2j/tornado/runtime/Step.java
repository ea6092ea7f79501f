package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.DataTransferMode;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.ExecutionProfile.Direction;
import dev.mamba2j.tornado.api.ExecutionProfile.Transfer;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.jvm.JvmKernel;

import java.util.List;

/** One precomputed action of a plan's execute(): everything it needs is bound when the plan is prepared. */
sealed interface Step {
    void run(ExecutionProfile profile, WorkerGrid[] grids);

    /**
     * A copy between the host array and its device buffer. FIRST_EXECUTION copies once for the life
     * of the plan; UNDER_DEMAND only when asked (ExecutionResult.transferToHost); a copy to the host
     * runs after the tasks before it.
     */
    final class Copy implements Step {
        private final DeviceRuntime device;
        private final Resident resident;
        private final Direction direction;
        private final DataTransferMode mode;
        private boolean done;

        Copy(DeviceRuntime device, Resident resident, Direction direction, DataTransferMode mode) {
            this.device = device;
            this.resident = resident;
            this.direction = direction;
            this.mode = mode;
        }

        @Override public void run(ExecutionProfile profile, WorkerGrid[] grids) {
            if (mode == DataTransferMode.UNDER_DEMAND || (mode == DataTransferMode.FIRST_EXECUTION && done)) return;
            done = true;
            copy(device, resident, direction, mode, profile);
        }

        static void copy(DeviceRuntime device, Resident resident, Direction direction, DataTransferMode mode,
                         ExecutionProfile profile) {
            long bytes = resident.buffer == null ? 0 : resident.array.getNumBytes();
            long ns = bytes == 0 ? 0 : direction == Direction.TO_DEVICE
                    ? device.write(resident.buffer, resident.array.getSegment(), bytes)
                    : device.read(resident.array.getSegment(), resident.buffer, bytes);
            profile.recordTransfer(new Transfer(resident.array, direction, mode, bytes, ns));
        }
    }

    /**
     * A kernel on a device, its arguments bound to the plan's buffers. {@link Program} enqueues it
     * without waiting ({@link #enqueue}) and reads its time once the device has finished.
     */
    record DeviceLaunch(DeviceRuntime device, DeviceRuntime.Built kernel, List<KernelArg> args, int task) implements Step {
        /** On its own: enqueued, waited for, timed. */
        @Override public void run(ExecutionProfile profile, WorkerGrid[] grids) {
            DeviceSession.Pending pending = enqueue(grids);
            device.finish();
            profile.recordKernel(task, pending.nanos());
        }

        DeviceSession.Pending enqueue(WorkerGrid[] grids) {
            kernel.compiled().checkWorkGroup(grids[task].local());
            kernel.compiled().checkLimits(grids[task].local(), device.device());
            return device.enqueue(kernel.loaded(), args, grids[task]);
        }
    }

    /** A kernel method on the JVM device, called on the host arrays themselves. */
    record HostLaunch(JvmKernel.Bound kernel, int task) implements Step {
        @Override public void run(ExecutionProfile profile, WorkerGrid[] grids) {
            profile.recordKernel(task, kernel.launch(grids[task]));
        }
    }
}
