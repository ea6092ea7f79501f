package dev.mamba2j.tornado.driver;

/** Memory on a device, owned by the session that allocated it. */
public interface DeviceBuffer extends AutoCloseable {
    long bytes();

    /** Frees the device memory; idempotent. */
    @Override void close();
}
