package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.jit.pass.ArrayParams;
import dev.mamba2j.tornado.jit.pass.ResidencyChecks;

/**
 * Checked mode's residency rule for one task of a plan: an array the task only reads must have been sent
 * to the device or written by a task that ran before it. Which of its arrays are not is known only when
 * the task is about to run (a graph may run alone, a copy may be FIRST_EXECUTION), so it is computed then
 * ({@link #unsentMask}); after the task, the arrays it may write count as on the device ({@link #ran}).
 */
final class LaunchResidency {
    private final String task, kernel;
    private final ArrayParams arrays;
    /** By Java index: the array argument's place on the device, null for other arguments. */
    private final Resident[] residents;
    /** The mask last written to the launch's error buffer (devices with an error buffer only). */
    int maskOnDevice;

    LaunchResidency(String task, String kernel, ArrayParams arrays, Resident[] residents) {
        this.task = task;
        this.kernel = kernel;
        this.arrays = arrays;
        this.residents = residents;
        for (int i = 0; i < residents.length; i++) if (residents[i] != null) residents[i].bound(task + "'s " + arrays.name(i));
    }

    /** Bit i set: argument i is an array the task only reads and that holds nothing sent or written yet. */
    int unsentMask() {
        int mask = 0;
        for (int i = 0; i <= Math.min(ResidencyChecks.MAX_INDEX, residents.length - 1); i++)
            if (residents[i] != null && !residents[i].sent && !arrays.mayWrite(i)) mask |= 1 << i;
        return mask;
    }

    /** The task has been launched: what it may write is on the device for the tasks after it. */
    void ran() {
        for (int i = 0; i < residents.length; i++) if (residents[i] != null && arrays.mayWrite(i)) residents[i].sent = true;
    }

    /** Argument {@code i}'s place on the device, or null for an argument that is not an array. */
    Resident resident(int i) { return residents[i]; }

    String parameterName(int i) { return arrays.name(i); }

    /** The error for a read of argument {@code param}, never sent nor written; {@code where} says by whom, or is empty. */
    IllegalStateException unsentRead(int param, String where) {
        Resident r = param >= 0 && param < residents.length ? residents[param] : null;
        return new IllegalStateException("task " + task + " (kernel " + kernel + ") reads its parameter " + arrays.name(param) + ", array "
                + (r == null ? "?" : r.describe()) + ", which was never sent to the device (transferToDevice) nor written by a task "
                + "before it" + where + ": a device would read garbage there (checked mode)");
    }
}
