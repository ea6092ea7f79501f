package dev.mamba2j.tornado.jit.bytecode;

import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.WorkItem;

import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.util.Map;
import java.util.Set;

/** Name tables: which Java methods, fields and classes map to which IR operations and types. */
final class Intrinsics {
    static final String CONTEXT = "dev/mamba2j/tornado/api/KernelContext";
    private static final String ARRAYS = "dev/mamba2j/tornado/api/arrays/";

    private static final Map<String, MathFn> MATH = Map.ofEntries(
            Map.entry("exp", MathFn.EXP), Map.entry("log", MathFn.LOG), Map.entry("sqrt", MathFn.SQRT),
            Map.entry("tanh", MathFn.TANH), Map.entry("sin", MathFn.SIN), Map.entry("cos", MathFn.COS),
            Map.entry("floor", MathFn.FLOOR), Map.entry("ceil", MathFn.CEIL), Map.entry("abs", MathFn.ABS),
            Map.entry("pow", MathFn.POW), Map.entry("min", MathFn.MIN), Map.entry("max", MathFn.MAX),
            Map.entry("fma", MathFn.FMA), Map.entry("rint", MathFn.RINT), Map.entry("copySign", MathFn.COPYSIGN));

    /** The device math library's window on the hardware's approximations (its host versions are plain Java). */
    private static final String APPROX = "dev/mamba2j/tornado/jit/lib/Approx";
    private static final Map<String, MathFn> APPROX_FNS = Map.of("exp2", MathFn.EXP2_APPROX, "log2", MathFn.LOG2_APPROX);

    /** Bit reinterpretations of java.lang.Float / Double. */
    private static final Map<String, String> BITCASTS = Map.of(
            "java/lang/Float.floatToRawIntBits", "(F)I", "java/lang/Float.intBitsToFloat", "(I)F",
            "java/lang/Double.doubleToRawLongBits", "(D)J", "java/lang/Double.longBitsToDouble", "(J)D");

    private static final Map<String, WorkItem> FIELDS = Map.of(
            "globalId", WorkItem.GLOBAL_ID, "localId", WorkItem.LOCAL_ID, "groupId", WorkItem.GROUP_ID,
            "globalGroupSize", WorkItem.GLOBAL_SIZE, "localGroupSize", WorkItem.LOCAL_SIZE);

    /** Small JDK methods whose bytecode is itself in the subset, so they are inlined like helpers. */
    private static final Set<String> JDK_INLINE = Set.of(
            "java/lang/Float.isNaN", "java/lang/Double.isNaN", "java/lang/Float.min", "java/lang/Float.max",
            "java/lang/Float.sum", "java/lang/Integer.min", "java/lang/Integer.max", "java/lang/Integer.sum",
            "java/lang/Long.min", "java/lang/Long.max", "java/lang/Double.min", "java/lang/Double.max");

    private Intrinsics() {}

    static boolean isInlinableJdk(String owner, String name) { return JDK_INLINE.contains(owner + "." + name); }

    static boolean isMath(String owner) {
        return owner.equals("java/lang/Math") || owner.equals("java/lang/StrictMath") || owner.equals(APPROX);
    }

    /**
     * The function for owner.name (Math, StrictMath, the library's Approx), or null. StrictMath.copySign
     * reads a NaN's sign as positive, unlike Math's and the devices': not a kernel function.
     */
    static MathFn math(String owner, String name) {
        if (owner.equals(APPROX)) return APPROX_FNS.get(name);
        if (owner.equals("java/lang/StrictMath") && name.equals("copySign")) return null;
        return MATH.get(name);
    }

    static boolean isBitcast(String owner, String name, String desc) {
        return desc.equals(BITCASTS.get(owner + "." + name));
    }

    /** KernelContext field name -> query; the dimension is its last letter (x/y/z, X/Y/Z). */
    static WorkItem query(String field) { return FIELDS.get(field.substring(0, field.length() - 1)); }

    static int dimension(String field) { return "xyz".indexOf(Character.toLowerCase(field.charAt(field.length() - 1))); }

    static boolean isArrayClass(String owner) { return owner.startsWith(ARRAYS); }

    /** Element type of an off-heap array class, or null. */
    static ElemType offHeapElement(Class<?> c) {
        return switch (c.getName()) {
            case "dev.mamba2j.tornado.api.arrays.FloatArray" -> ElemType.FLOAT;
            case "dev.mamba2j.tornado.api.arrays.IntArray" -> ElemType.INT;
            case "dev.mamba2j.tornado.api.arrays.HalfArray" -> ElemType.HALF;
            case "dev.mamba2j.tornado.api.arrays.BFloat16Array" -> ElemType.BF16;
            default -> null;
        };
    }

    /** Element type of a Java primitive array the kernel may create, or null. */
    static ElemType privateElement(TypeKind k) {
        return switch (k) {
            case INT -> ElemType.INT;
            case LONG -> ElemType.LONG;
            case FLOAT -> ElemType.FLOAT;
            case DOUBLE -> ElemType.DOUBLE;
            default -> null;
        };
    }

    /** IR type of a JVM computational type; null for references and void. */
    static Type type(TypeKind k) {
        return switch (k) {
            case BOOLEAN, BYTE, CHAR, SHORT, INT -> Type.INT;
            case LONG -> Type.LONG;
            case FLOAT -> Type.FLOAT;
            case DOUBLE -> Type.DOUBLE;
            default -> null;
        };
    }

    static Type type(ClassDesc d) { return d.isPrimitive() ? type(TypeKind.from(d)) : null; }
}
