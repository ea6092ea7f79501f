package dev.mamba2j.model.weights;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unpickles the {@code data.pkl} of a torch.save archive into plain maps of {@link TensorRef}s. Only
 * the globals a state dict needs resolve (the tensor and parameter rebuild functions, OrderedDict,
 * the storage classes); any other global, and the opcodes that could name classes some other way,
 * fail with the name asked for. Nothing from the pickle is ever executed or instantiated
 * reflectively, and the pickle library's shared constructor registry is bypassed.
 */
final class TorchPickle extends Unpickler {

    /** A storage class named by a persistent id, e.g. {@code torch.FloatStorage}. */
    record StorageType(String name, DType dtype) implements IObjectConstructor {
        @Override public Object construct(Object[] args) { throw new WeightException("pickle calls storage class " + name + " as a function"); }
    }

    /** A storage: the archive entry {@code data/<key>}, holding {@code numel} elements of {@code dtype}. */
    record StorageRef(String key, DType dtype, long numel) {}

    /** A tensor as torch rebuilds it: a view of {@code size} with {@code stride} from {@code offset} elements into a storage. */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {}

    /** An OrderedDict: the state dict torch saves, and its empty backward-hook dicts. */
    static final class OrderedDict extends LinkedHashMap<Object, Object> {}

    private static final Map<String, DType> STORAGES = Map.ofEntries(
            Map.entry("FloatStorage", DType.F32), Map.entry("BFloat16Storage", DType.BF16), Map.entry("HalfStorage", DType.F16),
            Map.entry("DoubleStorage", DType.F64), Map.entry("LongStorage", DType.I64), Map.entry("IntStorage", DType.I32),
            Map.entry("ShortStorage", DType.I16), Map.entry("CharStorage", DType.I8), Map.entry("ByteStorage", DType.U8),
            Map.entry("BoolStorage", DType.BOOL), Map.entry("UntypedStorage", DType.U8));

    private TorchPickle() {}

    /** Unpickles {@code pickle}; every failure, of any kind, is a {@link WeightException} naming {@code file}. */
    static Object load(String file, byte[] pickle) {
        TorchPickle p = new TorchPickle();
        try {
            return p.load(new ByteArrayInputStream(pickle));
        } catch (WeightException e) {
            throw new WeightException(file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new WeightException(file + ": cannot unpickle data.pkl: " + e, e);
        } finally {
            p.close();
        }
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> stack.add(resolve(PickleUtils.readline(input), PickleUtils.readline(input)));
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop(), module = stack.pop();
                if (!(name instanceof String n) || !(module instanceof String m)) throw new WeightException("STACK_GLOBAL without two strings");
                stack.add(resolve(m, n));
            }
            case Opcodes.BUILD -> {
                // OrderedDict state is the state dict's _metadata attribute: versions only, dropped.
                stack.pop();
                if (!(stack.peek() instanceof OrderedDict)) throw new WeightException("pickle sets the state of a " + typeName(stack.peek()));
            }
            case Opcodes.INST, Opcodes.OBJ, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4, Opcodes.PERSID ->
                    throw new WeightException("pickle opcode " + key + " is not one torch.save writes");
            case Opcodes.BINSTRING, Opcodes.BINBYTES, Opcodes.BINUNICODE, Opcodes.LONG4 -> {
                checkLength(4);
                return super.dispatch(key);
            }
            case Opcodes.BINBYTES8, Opcodes.BINUNICODE8, Opcodes.BYTEARRAY8 -> {
                checkLength(8);
                return super.dispatch(key);
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    /** A length-prefixed opcode must not claim more bytes than are left (the library would allocate them first). */
    private void checkLength(int width) throws IOException {
        input.mark(width);
        byte[] b = PickleUtils.readbytes(input, width);
        input.reset();
        long length = width == 4 ? Integer.toUnsignedLong(PickleUtils.bytes_to_integer(b)) : PickleUtils.bytes_to_long(b, 0);
        if (length < 0 || length > input.available() - width) throw new WeightException("pickle is truncated or claims " + length + " bytes");
    }

    @Override
    protected Object persistentLoad(Object pid) {
        // torch.save writes ('storage', storage class, key, location, numel)
        if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0]))
            throw new WeightException("unexpected persistent id " + typeName(pid));
        if (!(t[1] instanceof StorageType type)) throw new WeightException("persistent id names " + typeName(t[1]) + ", not a storage class");
        if (!(t[2] instanceof String key)) throw new WeightException("persistent id has a non-string key");
        return new StorageRef(key, type.dtype(), asLong(t[4], "storage size"));
    }

    private static IObjectConstructor resolve(String module, String name) {
        String global = module + "." + name;
        if ((module.equals("torch") || module.equals("torch.storage")) && STORAGES.containsKey(name))
            return new StorageType(global, STORAGES.get(name));
        return switch (global) {
            case "collections.OrderedDict" -> args -> {
                if (args.length != 0) throw new WeightException("OrderedDict built from arguments");
                return new OrderedDict();
            };
            case "torch._utils._rebuild_tensor_v2" -> TorchPickle::rebuildTensor;
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> args -> {
                if (args.length < 1 || !(args[0] instanceof TensorRef t)) throw new WeightException(global + " without a tensor");
                return t;
            };
            default -> throw new WeightException("pickle asks for " + global + ", which is not part of a state dict; refused");
        };
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    private static TensorRef rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage) || !(args[2] instanceof Object[] size) || !(args[3] instanceof Object[] stride))
            throw new WeightException("_rebuild_tensor_v2 with unexpected arguments");
        if (size.length != stride.length) throw new WeightException("tensor with " + size.length + " sizes but " + stride.length + " strides");
        long[] s = new long[size.length], st = new long[stride.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = asLong(size[i], "tensor size");
            st[i] = asLong(stride[i], "tensor stride");
        }
        return new TensorRef(storage, asLong(args[1], "storage offset"), s, st);
    }

    private static long asLong(Object o, String what) {
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) return ((Number) o).longValue();
        if (o instanceof BigInteger b && b.bitLength() < 64) return b.longValue();
        throw new WeightException(what + " is " + typeName(o) + ", not an integer");
    }

    static String typeName(Object o) {
        return o == null ? "None" : o instanceof StorageType t ? t.name() : o.getClass().getSimpleName();
    }
}
