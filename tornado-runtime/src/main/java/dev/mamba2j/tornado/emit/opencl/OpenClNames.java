package dev.mamba2j.tornado.emit.opencl;

import java.util.Set;

/**
 * Identifiers a kernel may not take in OpenCL C: keywords and type names, and built-in function
 * names (a kernel called {@code step} or {@code max} would clash with the overloaded built-in on
 * some compilers). Variables need no check: the front end suffixes every name with its id.
 */
final class OpenClNames {
    private static final Set<String> RESERVED = Set.of("""
            abs abs_diff acos acosh acospi add_sat all any asin asinh asinpi async_work_group_copy
            async_work_group_strided_copy atan atan2 atan2pi atanh atanpi auto barrier bit_reverse
            bitselect bool cbrt ceil char clamp clz constant copysign cos cosh cospi cross ctz
            degrees distance dot erf erfc event_t exp exp10 exp2 expm1 extern fabs fast_distance
            fast_length fast_normalize fdim floor fma fmax fmin fmod fract frexp get_global_id
            get_global_offset get_global_size get_group_id get_local_id get_local_size
            get_num_groups get_work_dim global hadd half half_cos half_divide half_exp half_exp10
            half_exp2 half_log half_log10 half_log2 half_powr half_recip half_rsqrt half_sin
            half_sqrt half_tan hypot ilogb image1d_t image2d_t image3d_t inline intptr_t isequal
            isfinite isgreater isgreaterequal isinf isless islessequal islessgreater isnan isnormal
            isnotequal isordered isunordered kernel ldexp length lgamma lgamma_r local log log10
            log1p log2 logb mad mad24 mad_hi mad_sat main max maxmag mem_fence min minmag mix modf
            mul24 mul_hi nan native_cos native_divide native_exp native_exp10 native_exp2 native_log
            native_log10 native_log2 native_powr native_recip native_rsqrt native_sin native_sqrt
            native_tan nextafter normalize popcount pow pown powr prefetch printf private ptrdiff_t
            radians read_mem_fence read_only read_write register remainder remquo restrict rhadd
            rint rootn rotate round rsqrt sampler_t select short shuffle shuffle2 sign signbit
            signed sin sincos sinh sinpi size_t sizeof smoothstep sqrt step struct sub_sat tan tanh
            tanpi tgamma trunc typedef uchar uint uintptr_t ulong union unsigned upsample ushort
            vec_step wait_group_events write_mem_fence write_only
            """.trim().split("\\s+"));

    /** Families of built-ins (and the j_ prefix of the printer's own helpers). */
    private static final String[] PREFIXES = {"atomic_", "atom_", "convert_", "as_", "vload", "vstore", "get_", "j_"};

    private OpenClNames() {}

    /** The Java method name, or it suffixed with "_kernel" where OpenCL C reserves it. */
    static String entryName(String method) {
        boolean reserved = RESERVED.contains(method);
        for (String p : PREFIXES) reserved |= method.startsWith(p);
        return reserved ? method + "_kernel" : method;
    }
}
