package dev.mamba2j.tornado.emit;

import dev.mamba2j.tornado.ir.DeviceParam;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.ParamKind;

import java.util.List;

/**
 * What a printer hands to a driver: the kernel's text (or binary) in one device language, the entry
 * point's name, how the Java arguments map to the device parameters, and the options to build it with.
 *
 * @param entryName       the kernel function's name in the text
 * @param language        what the text is
 * @param text            OpenCL C or PTX source; null for binary languages
 * @param binary          SPIR-V words as bytes; null for text languages
 * @param params          device parameters in order
 * @param buildOptions    options for the device compiler (OpenCL's clBuildProgram); empty if none
 * @param fallbackOptions options to build with if the device refuses {@code buildOptions} (e.g. without
 *                        a vendor extension), or null when there is no fallback
 * @param dynamicLocalBytes bytes of local memory a launch must ask for at run time (PTX whose local arrays
 *                        exceed what a module may declare statically); 0 when the code declares them all
 */
public record KernelCode(String entryName, Language language, String text, byte[] binary, List<Param> params,
                         String buildOptions, String fallbackOptions, long dynamicLocalBytes) {

    /** Code whose local memory is all declared in it. */
    public KernelCode(String entryName, Language language, String text, byte[] binary, List<Param> params, String buildOptions,
                      String fallbackOptions) {
        this(entryName, language, text, binary, params, buildOptions, fallbackOptions, 0);
    }

    /** Code that needs no build options. */
    public KernelCode(String entryName, Language language, String text, byte[] binary, List<Param> params) {
        this(entryName, language, text, binary, params, "", null);
    }

    public enum Language { OPENCL_C, PTX, SPIRV }

    /** @param type for SCALAR: int.class, long.class, float.class, double.class or boolean.class */
    public record Param(ParamKind kind, int javaIndex, Class<?> type) {}

    /** The device parameters of {@code f}, in order. */
    public static List<Param> paramsOf(Function f) {
        return f.deviceParams().stream().map((DeviceParam p) -> new Param(p.kind(), p.javaIndex(), p.javaType())).toList();
    }
}
