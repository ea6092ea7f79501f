package dev.mamba2j.tornado.emit.opencl;

/**
 * What an OpenCL device offers that the printed code may use. The text is the same for every
 * target; the build options differ.
 *
 * @param exactDivideSqrt the device reports CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT, so fp32 division and sqrt
 *                        can be built correctly rounded, as Java's are
 * @param tensorCores     an NVIDIA device with TF32 tensor cores: localGemm through inline-PTX mma.sync
 * @param userOptions     the user's own build options (e.g. {@code -cl-fast-relaxed-math}); may be empty
 */
public record OpenClTarget(boolean exactDivideSqrt, boolean tensorCores, String userOptions) {
    /** A device with none of the above. */
    public static final OpenClTarget PORTABLE = new OpenClTarget(false, false, "");

    /** Build option that makes fp32 division and sqrt correctly rounded (OpenCL allows 2.5 and 3 ulp otherwise). */
    public static final String JAVA_EXACT_BUILD_OPTION = "-cl-fp32-correctly-rounded-divide-sqrt";

    /** Build option that selects localGemm's tensor-core version. */
    public static final String TENSOR_CORE_BUILD_OPTION = "-D" + OpenClGemm.MMA_MACRO;

    public OpenClTarget {
        userOptions = userOptions == null ? "" : userOptions.strip();
    }
}
