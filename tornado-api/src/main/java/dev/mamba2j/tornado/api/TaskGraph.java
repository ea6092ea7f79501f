package dev.mamba2j.tornado.api;

import dev.mamba2j.tornado.api.TornadoFunctions.*;
import dev.mamba2j.tornado.api.spi.GraphOp;
import dev.mamba2j.tornado.api.spi.TaskSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a task graph: transfers to the device, kernel tasks and transfers back, run in the order
 * they were added. Tasks are static methods given as method references, marked as kernels: annotated
 * {@code @Kernel}, or written with {@code @Parallel} loops; their arguments are captured now (arrays by
 * reference, scalars by value). {@link #snapshot()} freezes the graph for
 * an {@link ExecutionPlan}.
 */
public final class TaskGraph {
    private final String name;
    private final List<GraphOp> ops = new ArrayList<>();
    private final Set<String> taskNames = new HashSet<>();

    public TaskGraph(String name) {
        if (name == null || name.isBlank() || name.contains("."))
            throw new IllegalArgumentException("task graph name must be non-empty and without '.', got '" + name + "'");
        this.name = name;
    }

    public String getTaskGraphName() { return name; }

    /** Copies {@code arrays} to the device as {@code mode} says (before the tasks that follow). */
    public TaskGraph transferToDevice(DataTransferMode mode, Object... arrays) {
        ops.add(new GraphOp.ToDevice(mode, GraphOp.arrays("transferToDevice", arrays)));
        return this;
    }

    /** Copies {@code arrays} back to the host as {@code mode} says (after the tasks before it). */
    public TaskGraph transferToHost(DataTransferMode mode, Object... arrays) {
        ops.add(new GraphOp.ToHost(mode, GraphOp.arrays("transferToHost", arrays)));
        return this;
    }

    public <T1> TaskGraph task(String name, Task1<T1> method, Object... args) { return add(name, method, args); }
    public <T1, T2> TaskGraph task(String name, Task2<T1, T2> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3> TaskGraph task(String name, Task3<T1, T2, T3> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4> TaskGraph task(String name, Task4<T1, T2, T3, T4> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5> TaskGraph task(String name, Task5<T1, T2, T3, T4, T5> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6> TaskGraph task(String name, Task6<T1, T2, T3, T4, T5, T6> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7> TaskGraph task(String name, Task7<T1, T2, T3, T4, T5, T6, T7> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8> TaskGraph task(String name, Task8<T1, T2, T3, T4, T5, T6, T7, T8> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9> TaskGraph task(String name, Task9<T1, T2, T3, T4, T5, T6, T7, T8, T9> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> TaskGraph task(String name, Task10<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> TaskGraph task(String name, Task11<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> TaskGraph task(String name, Task12<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> TaskGraph task(String name, Task13<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> TaskGraph task(String name, Task14<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> TaskGraph task(String name, Task15<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16> TaskGraph task(String name, Task16<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16> method, Object... args) { return add(name, method, args); }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17> TaskGraph task(String name, Task17<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18> TaskGraph task(String name, Task18<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19> TaskGraph task(String name, Task19<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20> TaskGraph task(String name, Task20<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20> method, Object... args) { return add(name, method, args); }

    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21> TaskGraph task(String name, Task21<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21, T22> TaskGraph task(String name, Task22<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21, T22> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21, T22, T23> TaskGraph task(String name, Task23<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21, T22, T23> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21, T22, T23, T24> TaskGraph task(String name, Task24<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21, T22, T23, T24> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21, T22, T23, T24, T25> TaskGraph task(String name, Task25<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21, T22, T23, T24, T25> method, Object... args) { return add(name, method, args); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21, T22, T23, T24, T25, T26> TaskGraph task(String name, Task26<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21, T22, T23, T24, T25, T26> method, Object... args) { return add(name, method, args); }

    private TaskGraph add(String task, TaskFunction method, Object[] args) {
        if (task == null || task.isBlank() || task.contains("."))
            throw new IllegalArgumentException("task name must be non-empty and without '.', got '" + task + "'");
        if (!taskNames.add(task))
            throw new IllegalArgumentException("task graph '" + name + "' already has a task named '" + task + "'");
        ops.add(new GraphOp.Run(TaskSpec.of(name, task, method, args)));
        return this;
    }

    /** An immutable copy of the graph as it is now; later changes to this builder do not affect it. */
    public ImmutableTaskGraph snapshot() {
        return new ImmutableTaskGraph(name, List.copyOf(ops));
    }
}
