package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.Driver;

import java.util.ArrayList;
import java.util.List;

/**
 * Discovers CUDA devices through the driver API. The library is {@code libcuda.so.1}, or the
 * file named by {@code -Dmamba2j.cuda.library}. Discovery runs once, on first use; a missing
 * library, a failing {@code cuInit} or zero devices give an empty list and a reason.
 */
public final class CudaDriver implements Driver {
    private final String library;
    private List<ComputeDevice> devices;
    private String unavailableReason;

    public CudaDriver() {
        this(System.getProperty("mamba2j.cuda.library", CudaApi.DEFAULT_LIBRARY));
    }

    CudaDriver(String library) {
        this.library = library;
    }

    @Override public Backend backend() { return Backend.CUDA; }

    @Override public synchronized List<ComputeDevice> devices() {
        if (devices == null) discover();
        return devices;
    }

    @Override public synchronized String unavailableReason() {
        if (devices == null) discover();
        return unavailableReason;
    }

    private void discover() {
        devices = List.of();
        CudaApi cu;
        try {
            cu = CudaApi.load(library);
        } catch (IllegalArgumentException e) {
            unavailableReason = "CUDA driver library " + library + " not found (no NVIDIA driver installed?)";
            return;
        } catch (UnsatisfiedLinkError e) {
            unavailableReason = library + ": " + e.getMessage();
            return;
        }
        try {
            cu.init();
            int driverVersion = cu.driverVersion();
            int count = cu.deviceCount();
            if (count == 0) {
                unavailableReason = "the CUDA driver reports no devices";
                return;
            }
            List<ComputeDevice> found = new ArrayList<>();
            for (int i = 0; i < count; i++) found.add(CudaDevice.query(cu, i, driverVersion));
            devices = List.copyOf(found);
        } catch (CudaException e) {
            unavailableReason = e.code() == CudaApi.CUDA_ERROR_NO_DEVICE
                    ? "no CUDA-capable device (" + e.getMessage() + ")"
                    : "CUDA driver unusable: " + e.getMessage();
        }
    }
}
