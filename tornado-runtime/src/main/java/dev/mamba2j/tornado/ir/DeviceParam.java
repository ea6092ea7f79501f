package dev.mamba2j.tornado.ir;

/**
 * One parameter of the device function, in order: a buffer (array), an array's length (INT, named
 * {@link #lengthName}) or a scalar (var).
 */
public record DeviceParam(ParamKind kind, int javaIndex, ArrayRef array, Var var, Class<?> javaType) {
    public static String lengthName(ArrayRef a) { return a.name() + "_len"; }
}
