package dev.mamba2j.tornado.driver;

/** One argument of a kernel launch, in the order of {@code KernelCode.params()}. */
public sealed interface KernelArg {
    record Buffer(DeviceBuffer buffer) implements KernelArg {}

    record Int(int value) implements KernelArg {}

    record Long(long value) implements KernelArg {}

    record Float(float value) implements KernelArg {}

    record Double(double value) implements KernelArg {}
}
