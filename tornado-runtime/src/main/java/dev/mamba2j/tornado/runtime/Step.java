package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.jit.pass.BoundsChecks;
import dev.mamba2j.tornado.jit.pass.ResidencyChecks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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

        /** Copies, and in checked mode (where every array has a buffer, poisoned) follows and checks residency. */
        static void copy(DeviceRuntime device, Resident resident, Direction direction, DataTransferMode mode,
                         ExecutionProfile profile) {
            long bytes = resident.buffer == null ? 0 : resident.array.getNumBytes();
            long ns = bytes == 0 ? 0 : direction == Direction.TO_DEVICE
                    ? device.write(resident.buffer, resident.array.getSegment(), bytes)
                    : device.read(resident.array.getSegment(), resident.buffer, bytes);
            profile.recordTransfer(new Transfer(resident.array, direction, mode, bytes, ns));
            if (direction == Direction.TO_DEVICE) resident.sent = true;
            else if (resident.poisoned) Residency.checkWritten(resident);
        }
    }

    /**
     * A kernel on a device, its arguments bound to the plan's buffers. {@link Program} enqueues it
     * without waiting ({@link #enqueue}) and reads its time once the device has finished.
     */
    record DeviceLaunch(DeviceRuntime device, DeviceRuntime.Built kernel, List<KernelArg> args, int task, DeviceBuffer errors,
                        LaunchResidency residency) implements Step {
        private static final MemorySegment ZEROS = Arena.global().allocate(BoundsChecks.ERRORS_INTS * 4L);

        /** On its own: enqueued, waited for, timed. */
        @Override public void run(ExecutionProfile profile, WorkerGrid[] grids) {
            beforeEnqueue();
            DeviceSession.Pending pending = enqueue(grids);
            device.finish();
            profile.recordKernel(task, pending.nanos());
            checkErrors();
        }

        static void clearErrors(DeviceRuntime device, DeviceBuffer errors) {
            device.write(errors, ZEROS, BoundsChecks.ERRORS_INTS * 4L);
        }

        /** Zeroes the error buffer but for the residency mask the kernel reads. */
        private static void clearErrors(DeviceRuntime device, DeviceBuffer errors, int mask) {
            if (mask == 0) {
                clearErrors(device, errors);
                return;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment host = arena.allocate(BoundsChecks.ERRORS_INTS * 4L, 16);
                host.setAtIndex(ValueLayout.JAVA_INT, ResidencyChecks.MASK_SLOT, mask);
                device.write(errors, host, BoundsChecks.ERRORS_INTS * 4L);
            }
        }

        /**
         * Checked mode, before every enqueue of this launch (replays included): tells the kernel which arrays
         * it only reads that hold nothing yet (written to the error buffer when that changes), then counts
         * what the task writes as on the device.
         */
        void beforeEnqueue() {
            if (residency == null) return;
            if (errors != null) { // code not made by the JIT has no error buffer, and no residency checks
                int mask = residency.unsentMask();
                if (mask != residency.maskOnDevice) clearErrors(device, errors, mask);
                residency.maskOnDevice = mask;
            }
            residency.ran();
        }

        /**
         * In checked mode, after the launch has finished: fails with the first error the kernel's checks
         * recorded: an access out of bounds (the check, the work-item, the index and the length), or a read
         * of an array never sent (the task, the parameter, the array).
         */
        void checkErrors() {
            if (errors == null) return;
            int[] e;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment host = arena.allocate(BoundsChecks.ERRORS_INTS * 4L, 16);
                device.read(host, errors, BoundsChecks.ERRORS_INTS * 4L);
                e = host.toArray(ValueLayout.JAVA_INT);
            }
            if (e[0] == 0) return;
            clearErrors(device, errors, residency == null ? 0 : residency.maskOnDevice);
            List<String> sites = kernel.compiled().checkSites();
            String site = e[1] >= 0 && e[1] < sites.size() ? sites.get(e[1]) : "check " + e[1];
            if (site.startsWith(ResidencyChecks.SITE_PREFIX) && residency != null)
                throw residency.unsentRead(e[6], " (read at index " + e[5] + " by work-item (" + e[2] + ", " + e[3] + ", " + e[4] + ")"
                        + (e[0] > 1 ? "; " + e[0] + " checks failed in all" : "") + ")");
            throw new IndexOutOfBoundsException("kernel " + kernel.compiled().code().entryName() + ": " + site + " at index " + e[5]
                    + ", outside [0, " + e[6] + "), by work-item (" + e[2] + ", " + e[3] + ", " + e[4] + ")"
                    + (e[0] > 1 ? "; " + e[0] + " accesses out of bounds in all" : "") + " (checked mode)");
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

    /**
     * Checked mode on the JVM device: the kernel method called on the device's own copies of the arrays
     * ({@code args}), as a device with memory of its own would run it, an array it only reads and that
     * holds nothing yet replaced by one whose memory is freed ({@link UnsentArrays}), so that a read of it fails.
     */
    record CheckedHostLaunch(JvmKernel kernel, Object[] args, LaunchResidency residency, UnsentArrays unsent, int task) implements Step {
        @Override public void run(ExecutionProfile profile, WorkerGrid[] grids) {
            int mask = residency.unsentMask();
            try {
                profile.recordKernel(task, kernel.bind(mask == 0 ? args : unsent.substitute(args, mask)).launch(grids[task]));
            } catch (RuntimeException e) {
                if (mask != 0 && UnsentArrays.caused(e)) throw UnsentArrays.report(residency, mask, e);
                throw e;
            }
            residency.ran();
        }
    }
}
