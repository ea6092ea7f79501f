package dev.mamba2j.tornado.driver.opencl;

/** A failed OpenCL call, or an OpenCL feature the device lacks. */
public final class OpenClException extends RuntimeException {
    private final int errorCode;

    /** A call that returned {@code errorCode}; {@code detail} (may be null) is appended. */
    public OpenClException(String call, int errorCode, String detail) {
        super(call + " failed: " + ClErrors.name(errorCode) + " (" + errorCode + ")"
                + (detail == null || detail.isEmpty() ? "" : "\n" + detail));
        this.errorCode = errorCode;
    }

    public OpenClException(String message) {
        super(message);
        this.errorCode = 0;
    }

    /** The OpenCL status, or 0 when the failure did not come from a call. */
    public int errorCode() { return errorCode; }
}
