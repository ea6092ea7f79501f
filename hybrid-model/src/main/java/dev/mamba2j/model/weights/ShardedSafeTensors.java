package dev.mamba2j.model.weights;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A checkpoint split over several safetensors files, listed by {@code model.safetensors.index.json}
 * ({@code {"weight_map": {tensor: shard file}}}). Every shard is opened and checked up front, and
 * every tensor the index names must be in the shard it names.
 */
final class ShardedSafeTensors implements WeightFiles {
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String source;
    private final Map<String, SafeTensors> byTensor;
    private final List<SafeTensors> shards;

    private ShardedSafeTensors(String source, Map<String, SafeTensors> byTensor, List<SafeTensors> shards) {
        this.source = source;
        this.byTensor = Collections.unmodifiableMap(byTensor);
        this.shards = shards;
    }

    static ShardedSafeTensors open(Path index) {
        String name = index.toString();
        Map<String, String> weightMap = readWeightMap(index, name);
        Path dir = index.toAbsolutePath().getParent();
        Map<String, SafeTensors> byFile = new LinkedHashMap<>();
        try {
            Map<String, SafeTensors> byTensor = new TreeMap<>();
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                Path shard = dir.resolve(e.getValue()).normalize();
                if (!shard.startsWith(dir.normalize()) || e.getValue().isEmpty())
                    throw new WeightException(name + ": tensor " + e.getKey() + " is mapped to \"" + e.getValue() + "\", outside the model folder");
                SafeTensors st = byFile.get(e.getValue());
                if (st == null) {
                    st = SafeTensors.open(shard);
                    byFile.put(e.getValue(), st);
                }
                if (!st.contains(e.getKey()))
                    throw new WeightException(name + ": tensor " + e.getKey() + " is mapped to " + st.source() + ", which does not hold it");
                byTensor.put(e.getKey(), st);
            }
            return new ShardedSafeTensors(name, byTensor, new ArrayList<>(byFile.values()));
        } catch (RuntimeException e) {
            byFile.values().forEach(SafeTensors::close);
            throw e;
        }
    }

    private static Map<String, String> readWeightMap(Path index, String name) {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (JacksonException e) {
            throw new WeightException(name + ": malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new WeightException(name + ": cannot read: " + e, e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) throw new WeightException(name + ": field \"weight_map\" must be an object of tensor -> file");
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (!e.getValue().isTextual())
                throw new WeightException(name + ": tensor " + e.getKey() + " must map to a file name, got " + e.getValue());
            out.put(e.getKey(), e.getValue().textValue());
        }
        if (out.isEmpty()) throw new WeightException(name + ": field \"weight_map\" is empty");
        return out;
    }

    @Override public String source() { return source; }

    @Override public Set<String> names() { return byTensor.keySet(); }

    @Override
    public Tensor get(String name) {
        SafeTensors shard = byTensor.get(name);
        if (shard == null) throw new WeightException(source + ": missing tensor " + name);
        return shard.get(name);
    }

    @Override public void close() { shards.forEach(SafeTensors::close); }
}
