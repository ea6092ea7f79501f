package dev.mamba2j.model.weights;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON header of a safetensors file, checked entry by entry against the size of the data that
 * follows it: known dtype, non-negative shape whose byte size fits a long, offsets inside the data
 * and matching the shape, no name twice, no two tensors sharing bytes.
 */
record SafeTensorsHeader(Map<String, String> metadata, List<Entry> entries) {

    /** One tensor's header entry; offsets are relative to the start of the data. */
    record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    private static final JsonMapper JSON = new JsonMapper();

    static SafeTensorsHeader parse(String file, byte[] json, long dataSize) {
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new WeightException(file + ": header is not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                JsonNode value = JSON.readTree(p);
                if (!seen.add(name)) throw new WeightException(file + ": tensor " + name + " appears twice in the header");
                if (name.equals("__metadata__")) readMetadata(file, value, metadata);
                else entries.add(entry(file, name, value, dataSize));
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null)
                throw new WeightException(file + ": header has data after its JSON object");
        } catch (JacksonException e) {
            throw new WeightException(file + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new WeightException(file + ": cannot parse header: " + e, e);
        }
        checkOverlaps(file, entries);
        return new SafeTensorsHeader(metadata, entries);
    }

    private static void readMetadata(String file, JsonNode value, Map<String, String> out) {
        if (!value.isObject()) throw new WeightException(file + ": __metadata__ must be an object of strings");
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isTextual())
                throw new WeightException(file + ": __metadata__ value of \"" + e.getKey() + "\" must be a string");
            out.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static Entry entry(String file, String name, JsonNode v, long dataSize) {
        String at = file + ": tensor " + name + ": ";
        if (!v.isObject()) throw new WeightException(at + "header entry must be an object");
        JsonNode dtypeNode = v.get("dtype"), shapeNode = v.get("shape"), offsetsNode = v.get("data_offsets");
        if (dtypeNode == null || !dtypeNode.isTextual()) throw new WeightException(at + "\"dtype\" must be a string");
        DType dtype = DType.bySafetensorsName(dtypeNode.textValue())
                .orElseThrow(() -> new WeightException(at + "unknown dtype \"" + dtypeNode.textValue() + "\""));
        if (shapeNode == null || !shapeNode.isArray()) throw new WeightException(at + "\"shape\" must be a list of sizes");
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = nonNegativeLong(shapeNode.get(i), at + "\"shape\" must hold non-negative integers");
        if (offsetsNode == null || !offsetsNode.isArray() || offsetsNode.size() != 2)
            throw new WeightException(at + "\"data_offsets\" must be [begin, end]");
        long begin = nonNegativeLong(offsetsNode.get(0), at + "\"data_offsets\" must be non-negative integers");
        long end = nonNegativeLong(offsetsNode.get(1), at + "\"data_offsets\" must be non-negative integers");
        long bytes;
        try {
            bytes = Math.multiplyExact(Tensor.numel(shape), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new WeightException(at + "shape " + java.util.Arrays.toString(shape) + " is too large");
        }
        if (begin > end || end > dataSize)
            throw new WeightException(at + "data_offsets [" + begin + ", " + end + "] are not inside the " + dataSize + " bytes of data");
        if (end - begin != bytes)
            throw new WeightException(at + "data_offsets [" + begin + ", " + end + "] hold " + (end - begin) + " bytes, but shape "
                    + java.util.Arrays.toString(shape) + " of " + dtype + " needs " + bytes);
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long nonNegativeLong(JsonNode n, String message) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) throw new WeightException(message);
        return n.longValue();
    }

    /** Sorted by start, each non-empty tensor must end before the next non-empty one begins. */
    private static void checkOverlaps(String file, List<Entry> entries) {
        List<Entry> sorted = entries.stream().filter(e -> e.end() > e.begin()).sorted(Comparator.comparingLong(Entry::begin)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            Entry a = sorted.get(i - 1), b = sorted.get(i);
            if (b.begin() < a.end())
                throw new WeightException(file + ": tensor " + b.name() + " [" + b.begin() + ", " + b.end() + ") overlaps tensor "
                        + a.name() + " [" + a.begin() + ", " + a.end() + ")");
        }
    }
}
