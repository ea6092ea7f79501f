package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.spirv.Grammar.AddressingModel;
import dev.mamba2j.tornado.emit.spirv.Grammar.BuiltIn;
import dev.mamba2j.tornado.emit.spirv.Grammar.Capability;
import dev.mamba2j.tornado.emit.spirv.Grammar.Decoration;
import dev.mamba2j.tornado.emit.spirv.Grammar.ExecutionMode;
import dev.mamba2j.tornado.emit.spirv.Grammar.ExecutionModel;
import dev.mamba2j.tornado.emit.spirv.Grammar.FunctionControl;
import dev.mamba2j.tornado.emit.spirv.Grammar.MemoryModel;
import dev.mamba2j.tornado.emit.spirv.Grammar.Op;
import dev.mamba2j.tornado.emit.spirv.Grammar.StorageClass;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.DeviceParam;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.ParamKind;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Var;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * One kernel as a SPIR-V module: the interface (buffers, push constants or kernel parameters,
 * built-ins), one variable per IR variable (the IR is not SSA; drivers promote them to registers),
 * and the blocks in the order {@link Structurer} or the plain graph gives, the instructions
 * themselves written by {@link Instructions}.
 */
final class KernelWriter {
    final Module m = new Module();
    final Types t = new Types(m);
    final SpirvTarget target;
    /** Vulkan: the float behaviour declared through float controls. */
    private final FloatControls floats;
    final Code c;
    final Function f;
    /** Vulkan: the module's localGemms run on matrix units, so it uses the Vulkan memory model (null when it has none). */
    final CooperativeGemm coop;
    final Map<Integer, Integer> vars = new HashMap<>();
    /** Per array: the variable (Vulkan buffer, work-group or private array) or the kernel parameter (OpenCL buffer). */
    final Map<ArrayRef, Integer> arrays = new HashMap<>();
    final Map<ArrayRef, Integer> lengths = new HashMap<>();
    final Map<Integer, Integer> labels = new HashMap<>();
    /** Built-in input variables by built-in. */
    final Map<Integer, Integer> builtins = new HashMap<>();
    int workgroupSize = -1;
    private final List<Integer> interfaceVars = new ArrayList<>();
    /** Buffer struct types already decorated (one per element type). */
    private final Set<Integer> blockStructs = new HashSet<>();
    /** Vulkan: the push-constant variable and the parameters it holds, in member order. */
    private int pushConstants = -1;
    private List<DeviceParam> pushedParams = List.of();
    /** OpenCL: the device parameters, in kernel-parameter order. */
    private List<DeviceParam> clParamsByDevice = List.of();

    KernelWriter(Function f, SpirvTarget target, boolean softFma, FloatControls floats) {
        this.f = f;
        this.target = target;
        this.floats = floats;
        this.c = new Code(m, t, target, softFma, floats);
        this.coop = target == SpirvTarget.VULKAN && GemmLoops.has(f) ? new CooperativeGemm(this) : null; // those left are kept for it
    }

    /** Whether the module declares the Vulkan memory model (its work-group accesses are then non-private, its barriers make them available and visible). */
    boolean vulkanMemoryModel() { return coop != null; }

    byte[] write(String entryName, List<Block> order, Map<Integer, Structurer.Merge> merges, Set<Integer> unreachable) {
        boolean vulkan = target == SpirvTarget.VULKAN;
        if (vulkan) {
            m.capability(Capability.Shader);
            if (vulkanMemoryModel()) {
                m.capability(Capability.VulkanMemoryModel);
                m.extension("SPV_KHR_vulkan_memory_model");
            }
            m.header.inst(Op.MemoryModel, AddressingModel.Logical, vulkanMemoryModel() ? MemoryModel.Vulkan : MemoryModel.GLSL450);
        } else {
            m.capability(Capability.Kernel);
            m.capability(Capability.Addresses);
            m.capability(Capability.Int64);
            m.header.inst(Op.MemoryModel, AddressingModel.Physical64, MemoryModel.OpenCL);
        }
        int fn = m.id();
        List<DeviceParam> params = f.deviceParams();
        List<int[]> clParams = vulkan ? List.of() : openClParams(params);
        if (vulkan) vulkanInterface(params);
        for (Map.Entry<ArrayRef, Operand> a : f.allocations().entrySet()) {
            if (a.getKey().space() != Space.LOCAL) continue;
            int type = t.array(t.element(a.getKey().elem()), ((Const) a.getValue()).asInt());
            int v = m.id();
            m.globals.inst(Op.Variable, t.pointer(StorageClass.Workgroup, type), v, StorageClass.Workgroup);
            m.name(v, a.getKey().name());
            arrays.put(a.getKey(), v);
            if (vulkan) interfaceVars.add(v);
        }
        int voidType = t.voidType(), fnType;
        if (vulkan) fnType = t.function(voidType);
        else {
            int[] types = new int[clParams.size() + 1];
            types[0] = voidType;
            for (int i = 0; i < clParams.size(); i++) types[i + 1] = clParams.get(i)[0];
            fnType = m.global(Op.TypeFunction, List.of("kernel", java.util.Arrays.toString(types)), types);
        }
        m.code.inst(Op.Function, voidType, fn, FunctionControl.NONE, fnType);
        for (int[] p : clParams) m.code.inst(Op.FunctionParameter, p[0], p[1]);
        Instructions ins = new Instructions(this);
        m.code.inst(Op.Label, m.id());
        declareLocals(clParams, order);
        m.code.inst(Op.Branch, label(order.getFirst().id()));
        for (Block b : order) {
            m.code.inst(Op.Label, label(b.id()));
            if (unreachable.contains(b.id())) m.code.inst(Op.Unreachable);
            else ins.block(b, merges.get(b.id()));
        }
        m.code.inst(Op.FunctionEnd);
        entryPoint(fn, entryName);
        return m.assemble(target.versionWord());
    }

    int label(int block) { return labels.computeIfAbsent(block, k -> m.id()); }

    /** Vulkan: each buffer a storage buffer, the other parameters one push-constant block. */
    private void vulkanInterface(List<DeviceParam> params) {
        List<KernelCode.Param> kp = params.stream().map(p -> new KernelCode.Param(p.kind(), p.javaIndex(), p.javaType())).toList();
        int[] slots = VulkanInterface.slots(kp);
        List<Integer> members = new ArrayList<>(), offsets = new ArrayList<>();
        List<DeviceParam> pushed = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            DeviceParam p = params.get(i);
            if (p.kind() == ParamKind.BUFFER) {
                ArrayRef a = p.array();
                if (a.elem().bytes() == 2) {
                    m.capability(Capability.StorageBuffer16BitAccess);
                    m.extension("SPV_KHR_16bit_storage");
                }
                int elem = t.storage(a.elem());
                int rt = t.runtimeArray(elem, a.elem().bytes());
                int struct = m.global(Op.TypeStruct, List.of("buffer", rt), rt);
                if (blockStructs.add(struct)) {
                    m.decorate(struct, Decoration.Block);
                    m.annotations.inst(Op.MemberDecorate, struct, 0, Decoration.Offset, 0);
                }
                int v = m.id();
                m.globals.inst(Op.Variable, t.pointer(StorageClass.StorageBuffer, struct), v, StorageClass.StorageBuffer);
                m.decorate(v, Decoration.DescriptorSet, 0);
                m.decorate(v, Decoration.Binding, slots[i]);
                m.name(v, a.name());
                arrays.put(a, v);
                interfaceVars.add(v);
            } else {
                members.add(pushType(p));
                offsets.add(slots[i]);
                pushed.add(p);
            }
        }
        if (pushed.isEmpty()) return;
        int[] mt = members.stream().mapToInt(Integer::intValue).toArray();
        int struct = m.id();
        int[] ops = new int[mt.length + 1];
        ops[0] = struct;
        System.arraycopy(mt, 0, ops, 1, mt.length);
        m.globals.inst(Op.TypeStruct, ops);
        m.decorate(struct, Decoration.Block);
        for (int i = 0; i < mt.length; i++) m.annotations.inst(Op.MemberDecorate, struct, i, Decoration.Offset, offsets.get(i));
        int v = m.id();
        m.globals.inst(Op.Variable, t.pointer(StorageClass.PushConstant, struct), v, StorageClass.PushConstant);
        m.name(v, "scalars");
        interfaceVars.add(v);
        pushConstants = v;
        pushedParams = pushed;
    }

    private int pushType(DeviceParam p) {
        if (p.kind() == ParamKind.ARRAY_LENGTH) return t.i32();
        return p.var().type() == Type.BOOL ? t.i32() : t.of(p.var().type());
    }

    /** OpenCL: {type, id} per kernel parameter; buffers as CrossWorkgroup pointers to their elements. */
    private List<int[]> openClParams(List<DeviceParam> params) {
        List<int[]> out = new ArrayList<>();
        for (DeviceParam p : params) {
            int type = switch (p.kind()) {
                case BUFFER -> {
                    if (p.array().elem().bytes() == 2) m.capability(Capability.Int16);
                    yield t.pointer(StorageClass.CrossWorkgroup, t.storage(p.array().elem()));
                }
                case ARRAY_LENGTH -> t.i32();
                case SCALAR -> pushType(p);
            };
            int id = m.id();
            out.add(new int[] {type, id});
            if (p.kind() == ParamKind.BUFFER) {
                arrays.put(p.array(), id);
                m.name(id, p.array().name());
            }
        }
        clParamsByDevice = params;
        return out;
    }

    /** Function variables for every IR variable and private array; parameters copied into theirs. */
    private void declareLocals(List<int[]> clParams, List<Block> order) {
        Set<Var> paramVars = new HashSet<>();
        for (Param p : f.params()) if (p.var() != null) paramVars.add(p.var());
        TreeMap<Integer, Var> locals = new TreeMap<>();
        for (Block b : order) { // the structured blocks may assign variables of their own
            for (Instr i : b.instrs()) {
                if (i.dst() != null) locals.put(i.dst().id(), i.dst());
                for (Operand o : i.uses()) if (o instanceof Var v) locals.put(v.id(), v);
            }
            for (Operand o : b.term().uses()) if (o instanceof Var v) locals.put(v.id(), v);
        }
        for (Var v : locals.values()) if (!paramVars.contains(v)) vars.put(v.id(), variable(t.of(v.type()), v.name()));
        for (Map.Entry<ArrayRef, Operand> a : f.allocations().entrySet()) {
            if (a.getKey().space() != Space.PRIVATE) continue;
            int type = t.array(t.element(a.getKey().elem()), ((Const) a.getValue()).asInt());
            arrays.put(a.getKey(), variable(type, a.getKey().name()));
        }
        List<DeviceParam> params = f.deviceParams();
        for (DeviceParam p : params) {
            if (p.kind() == ParamKind.SCALAR) vars.put(p.var().id(), variable(t.of(p.var().type()), p.var().name()));
            if (p.kind() == ParamKind.ARRAY_LENGTH) lengths.put(p.array(), variable(t.i32(), DeviceParam.lengthName(p.array())));
        }
        if (target == SpirvTarget.VULKAN) {
            for (int i = 0; i < pushedParams.size(); i++) {
                DeviceParam p = pushedParams.get(i);
                int type = pushType(p);
                int ptr = c.op(Op.AccessChain, t.pointer(StorageClass.PushConstant, type), pushConstants, t.constInt(i));
                copyParam(p, c.load(type, ptr));
            }
        } else {
            for (int i = 0; i < clParamsByDevice.size(); i++)
                if (clParamsByDevice.get(i).kind() != ParamKind.BUFFER) copyParam(clParamsByDevice.get(i), clParams.get(i)[1]);
        }
    }

    private void copyParam(DeviceParam p, int value) {
        if (p.kind() == ParamKind.ARRAY_LENGTH) {
            c.store(lengths.get(p.array()), value);
            return;
        }
        if (p.var().type() == Type.BOOL)
            value = c.op(Op.INotEqual, t.bool(), value, t.constInt(0));
        c.store(vars.get(p.var().id()), value);
    }

    private int variable(int type, String name) {
        int id = m.id();
        m.code.inst(Op.Variable, t.pointer(StorageClass.Function, type), id, StorageClass.Function);
        m.name(id, name);
        return id;
    }

    /** The input variable of a three-component built-in (declared on first use). */
    int builtin(int builtin) {
        return builtins.computeIfAbsent(builtin, b -> {
            int elem = target == SpirvTarget.VULKAN ? t.i32() : t.i64();
            int v = m.id();
            m.globals.inst(Op.Variable, t.pointer(StorageClass.Input, t.vec3(elem)), v, StorageClass.Input);
            m.decorate(v, Decoration.BuiltIn, b);
            if (target == SpirvTarget.OPENCL) m.decorate(v, Decoration.Constant);
            interfaceVars.add(v);
            return v;
        });
    }

    /** The input variable of a scalar 32-bit built-in (SubgroupId, NumSubgroups; declared on first use). */
    int scalarBuiltin(int builtin) {
        return builtins.computeIfAbsent(builtin, b -> {
            int v = m.id();
            m.globals.inst(Op.Variable, t.pointer(StorageClass.Input, t.i32()), v, StorageClass.Input);
            m.decorate(v, Decoration.BuiltIn, b);
            interfaceVars.add(v);
            return v;
        });
    }

    /** Vulkan: the work-group size as three specialization constants (ids 0, 1, 2), default 1. */
    int workgroupSize() {
        if (workgroupSize < 0) {
            int[] dims = new int[3];
            for (int d = 0; d < 3; d++) {
                dims[d] = m.id();
                m.globals.inst(Op.SpecConstant, t.i32(), dims[d], 1);
                m.decorate(dims[d], Decoration.SpecId, d);
            }
            workgroupSize = m.id();
            m.globals.inst(Op.SpecConstantComposite, t.vec3(t.i32()), workgroupSize, dims[0], dims[1], dims[2]);
            m.decorate(workgroupSize, Decoration.BuiltIn, BuiltIn.WorkgroupSize);
        }
        return workgroupSize;
    }

    private void entryPoint(int fn, String name) {
        boolean vulkan = target == SpirvTarget.VULKAN;
        if (vulkan) workgroupSize(); // a compute shader must state its size, even if it never reads it
        List<Integer> iface = new ArrayList<>();
        for (int v : interfaceVars) if (!vulkan || builtins.containsValue(v)) iface.add(v); // SPIR-V 1.3 lists inputs only
        int[] after = iface.stream().mapToInt(Integer::intValue).toArray();
        m.entryPoints.instWithString(Op.EntryPoint, new int[] {vulkan ? ExecutionModel.GLCompute : ExecutionModel.Kernel, fn}, name, after);
        if (!vulkan) m.modes.inst(Op.ExecutionMode, fn, ExecutionMode.ContractionOff);
        else floatModes(fn);
    }

    /** The float-controls modes granted, for each float width the module uses (declared after the code, so known). */
    private void floatModes(int fn) {
        boolean any = false;
        for (int width : new int[] {32, 64}) {
            if (!m.has(Op.TypeFloat, width)) continue;
            boolean infNan = width == 32 ? floats.infNan32() : floats.infNan64(), denorm = width == 32 ? floats.denorm32() : floats.denorm64();
            if (infNan) {
                m.capability(Capability.SignedZeroInfNanPreserve);
                m.modes.inst(Op.ExecutionMode, fn, ExecutionMode.SignedZeroInfNanPreserve, width);
            }
            if (denorm) {
                m.capability(Capability.DenormPreserve);
                m.modes.inst(Op.ExecutionMode, fn, ExecutionMode.DenormPreserve, width);
            }
            any |= infNan || denorm;
        }
        if (any) m.extension("SPV_KHR_float_controls");
    }
}
