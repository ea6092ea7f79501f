package dev.mamba2j.tornado.emit.spirv;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The matrix products a Vulkan device runs on its matrix units (VK_KHR_cooperative_matrix), as its driver
 * lists them, and whether it takes bfloat16 components in them (VK_KHR_shader_bfloat16). The printer
 * writes localGemm with them where {@link #bf16Product()} exists, else as the portable loop.
 *
 * @param shapes      the device's subgroup products, in its order
 * @param bf16Enabled bfloat16 types and cooperative matrices of them are on (features reported and enabled)
 */
public record CooperativeMatrices(List<Shape> shapes, boolean bf16Enabled) {
    public static final CooperativeMatrices NONE = new CooperativeMatrices(List.of(), false);

    /** One product: C (M×N, type c) + A (M×K, type a) · B (K×N, type b) gives a result of type result. */
    public record Shape(int m, int n, int k, String a, String b, String c, String result, boolean saturating, boolean subgroup) {
        @Override public String toString() {
            return m + "x" + n + "x" + k + " " + a + "*" + b + "+" + c + (result.equals(c) ? "" : "=" + result) + (saturating ? " saturating" : "")
                    + (subgroup ? "" : " (not subgroup)");
        }
    }

    /** The product localGemm takes: 16×16×16, bfloat16 A and B, fp32 C and result, subgroup scope; null without one. */
    public Shape bf16Product() {
        if (!bf16Enabled) return null;
        for (Shape s : shapes)
            if (s.subgroup && !s.saturating && s.m == 16 && s.n == 16 && s.k == 16 && s.a.equals("bf16") && s.b.equals("bf16")
                    && s.c.equals("f32") && s.result.equals("f32")) return s;
        return null;
    }

    @Override public String toString() {
        if (shapes.isEmpty()) return "none";
        return shapes.stream().map(Shape::toString).collect(Collectors.joining(", ")) + (bf16Enabled ? "" : "; no bfloat16 matrices")
                + (bf16Product() != null ? "; localGemm on " + bf16Product() : "; localGemm as the portable loop");
    }
}
