package dev.mamba2j.tornado.driver.cuda;

/** A CUDA driver call that returned an error: names the call, the error code and its meaning. */
public class CudaException extends RuntimeException {
    private final String call;
    private final int code;
    private final String errorName;

    public CudaException(String call, int code, String errorName, String description) {
        this(call, code, errorName, description, null);
    }

    protected CudaException(String call, int code, String errorName, String description, String detail) {
        super(call + " failed: " + errorName + " (" + code + ")"
                + (description == null || description.isEmpty() ? "" : ": " + description)
                + (detail == null ? "" : "\n" + detail));
        this.call = call;
        this.code = code;
        this.errorName = errorName;
    }

    /** The driver entry point that failed, e.g. {@code cuMemAlloc_v2}. */
    public String call() { return call; }

    /** The {@code CUresult} value. */
    public int code() { return code; }

    /** The symbolic name, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}. */
    public String errorName() { return errorName; }
}
