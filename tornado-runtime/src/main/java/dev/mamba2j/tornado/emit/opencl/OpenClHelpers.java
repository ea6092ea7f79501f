package dev.mamba2j.tornado.emit.opencl;

import java.util.Map;

/**
 * The small OpenCL C functions the printer calls where one C expression does not do: the storage
 * rounding of HalfArray and BFloat16Array, localGemm's tensor-core version and float atomics; printed
 * only when used.
 */
final class OpenClHelpers {
    private OpenClHelpers() {}

    private static final Map<String, String> SOURCES = Map.ofEntries(
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
}
