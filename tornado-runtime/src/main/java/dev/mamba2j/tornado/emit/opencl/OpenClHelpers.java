package dev.mamba2j.tornado.emit.opencl;

import java.util.Map;

/** The small OpenCL C functions that give Java's semantics where C's differ; printed only when used. */
final class OpenClHelpers {
    private OpenClHelpers() {}

    private static final Map<String, String> SOURCES = Map.ofEntries(
            // Java throws on division by zero; devices cannot, so the result is 0. MIN / -1 wraps to MIN.
            Map.entry("j_idiv", "static inline int j_idiv(int a, int b) { return b == 0 ? 0 : b == -1 ? (int)(0u - (uint)a) : a / b; }"),
            Map.entry("j_irem", "static inline int j_irem(int a, int b) { return b == 0 || b == -1 ? 0 : a % b; }"),
            Map.entry("j_ldiv", "static inline long j_ldiv(long a, long b) { return b == 0 ? 0 : b == -1 ? (long)(0ul - (ulong)a) : a / b; }"),
            Map.entry("j_lrem", "static inline long j_lrem(long a, long b) { return b == 0 || b == -1 ? 0 : a % b; }"),
            // Java's (int) of a float: truncate, saturate, NaN -> 0.
            Map.entry("j_f2i", "static inline int j_f2i(float x) { return isnan(x) ? 0 : convert_int_sat_rtz(x); }"),
            Map.entry("j_f2l", "static inline long j_f2l(float x) { return isnan(x) ? 0 : convert_long_sat_rtz(x); }"),
            Map.entry("j_d2i", "static inline int j_d2i(double x) { return isnan(x) ? 0 : convert_int_sat_rtz(x); }"),
            Map.entry("j_d2l", "static inline long j_d2l(double x) { return isnan(x) ? 0 : convert_long_sat_rtz(x); }"),
            // Java's min/max: NaN if either is NaN, and -0.0 < 0.0.
            Map.entry("j_minf", "static inline float j_minf(float a, float b) { return isnan(a) || isnan(b) ? a + b : a == b ? as_float(as_uint(a) | as_uint(b)) : fmin(a, b); }"),
            Map.entry("j_maxf", "static inline float j_maxf(float a, float b) { return isnan(a) || isnan(b) ? a + b : a == b ? as_float(as_uint(a) & as_uint(b)) : fmax(a, b); }"),
            Map.entry("j_mind", "static inline double j_mind(double a, double b) { return isnan(a) || isnan(b) ? a + b : a == b ? as_double(as_ulong(a) | as_ulong(b)) : fmin(a, b); }"),
            Map.entry("j_maxd", "static inline double j_maxd(double a, double b) { return isnan(a) || isnan(b) ? a + b : a == b ? as_double(as_ulong(a) & as_ulong(b)) : fmax(a, b); }"),
            // Java's pow is NaN where C's gives 1: pow(1, NaN) and pow(±1, ±Inf).
            Map.entry("j_powf", "static inline float j_powf(float x, float y) { return isnan(y) || (fabs(x) == 1.0f && isinf(y)) ? NAN : pow(x, y); }"),
            Map.entry("j_powd", "static inline double j_powd(double x, double y) { return isnan(y) || (fabs(x) == 1.0 && isinf(y)) ? (double) NAN : pow(x, y); }"),
            // Float.floatToFloat16: vstore_half_rte rounds like Java, but NaN payloads are the device's own.
            Map.entry("j_store_half", """
                    static inline void j_store_half(__global half *p, int i, float v) {
                        uint b = as_uint(v);
                        if (isnan(v)) ((__global ushort *)p)[i] = (ushort)(((b >> 16) & 0x8000u) | 0x7c00u | ((b & 0x007fe000u) >> 13) | ((b & 0x1ff0u) >> 4) | (b & 0xfu));
                        else vstore_half_rte(v, i, p);
                    }"""),
            // BFloat16Array.toBits: round to nearest even, NaN -> quiet NaN.
            Map.entry("j_bf16", """
                    static inline ushort j_bf16(float f) {
                        uint b = as_uint(f);
                        return (ushort)((b & 0x7fffffffu) > 0x7f800000u ? (b >> 16) | 0x40u : (b + 0x7fffu + ((b >> 16) & 1u)) >> 16);
                    }"""),
            // localGemm's tensor-core version (NVIDIA only, under its macro).
            Map.entry("j_mma", OpenClGemm.HELPERS),
            // OpenCL 1.2 has no float atomics: compare-and-swap on the bits.
            Map.entry("j_atomic_addf_global", atomicAdd("global")),
            Map.entry("j_atomic_addf_local", atomicAdd("local")));

    private static String atomicAdd(String space) {
        return """
                static inline float j_atomic_addf_SPACE(volatile __SPACE float *p, float v) {
                    uint old = as_uint(*p), seen;
                    while ((seen = atomic_cmpxchg((volatile __SPACE uint *)p, old, as_uint(as_float(old) + v))) != old) old = seen;
                    return as_float(old);
                }""".replace("SPACE", space);
    }

    static String source(String name) { return SOURCES.get(name); }

    static boolean needsDouble(String name) { return name.startsWith("j_d") || name.equals("j_mind") || name.equals("j_powd") || name.equals("j_maxd"); }
}
