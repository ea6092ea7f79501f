package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.ir.ParamKind;

import java.util.List;

/**
 * How a Vulkan kernel's parameters are laid out, shared by the printer and the driver that feeds
 * them: buffers take bindings 0, 1, … of descriptor set 0 in parameter order; every other parameter
 * is a member of the push-constant block at its natural alignment (booleans as 4-byte ints).
 */
public final class VulkanInterface {
    private VulkanInterface() {}

    /** Per parameter: its binding (a buffer) or its byte offset in the push constants (anything else). */
    public static int[] slots(List<KernelCode.Param> params) {
        int[] out = new int[params.size()];
        int binding = 0, offset = 0;
        for (int i = 0; i < params.size(); i++) {
            KernelCode.Param p = params.get(i);
            if (p.kind() == ParamKind.BUFFER) {
                out[i] = binding++;
                continue;
            }
            int size = bytes(p);
            offset = (offset + size - 1) / size * size;
            out[i] = offset;
            offset += size;
        }
        return out;
    }

    /** The push-constant block's size in bytes. */
    public static int pushConstantBytes(List<KernelCode.Param> params) {
        int[] slots = slots(params);
        int end = 0;
        for (int i = 0; i < params.size(); i++) if (params.get(i).kind() != ParamKind.BUFFER) end = slots[i] + bytes(params.get(i));
        return end;
    }

    /** The number of buffers (descriptor bindings). */
    public static int buffers(List<KernelCode.Param> params) {
        return (int) params.stream().filter(p -> p.kind() == ParamKind.BUFFER).count();
    }

    /** A non-buffer parameter's size: 8 for long and double, 4 otherwise. */
    static int bytes(KernelCode.Param p) {
        return p.kind() == ParamKind.SCALAR && (p.type() == long.class || p.type() == double.class) ? 8 : 4;
    }
}
