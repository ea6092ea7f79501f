package dev.mamba2j.tornado.emit.spirv;

/**
 * Java's float behaviour a Vulkan module asks for through SPV_KHR_float_controls, for the widths the
 * device grants it. Without SignedZeroInfNanPreserve a driver may assume there are no infinities,
 * NaNs or signed zeros (NVIDIA's does: exp(∞) came back NaN, a NaN test was folded away); without
 * DenormPreserve it may flush subnormals to zero.
 */
public record FloatControls(boolean infNan32, boolean infNan64, boolean denorm32, boolean denorm64) {
    /** Nothing asked: what a device without VK_KHR_shader_float_controls gets. */
    public static final FloatControls NONE = new FloatControls(false, false, false, false);
    /** Everything, as a device that grants every mode gets it. */
    public static final FloatControls ALL = new FloatControls(true, true, true, true);

    public boolean any() { return infNan32 || infNan64 || denorm32 || denorm64; }

    /** Whether subnormals are kept in both widths (else the device may flush them in one). */
    public boolean keepsSubnormals() { return denorm32 && denorm64; }

    @Override public String toString() {
        if (!any()) return "none";
        StringBuilder s = new StringBuilder();
        if (infNan32 || infNan64) s.append("inf/NaN/-0 kept").append(infNan32 && infNan64 ? "" : infNan32 ? " (fp32)" : " (fp64)");
        if (denorm32 || denorm64) s.append(s.isEmpty() ? "" : ", ").append("subnormals kept")
                .append(denorm32 && denorm64 ? "" : denorm32 ? " (fp32)" : " (fp64)");
        return s.toString();
    }
}
