package dev.mamba2j.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Typed reads of one JSON object's fields, each failure a {@link ConfigException} that names the
 * file and the field (with its path for nested objects, e.g. {@code ssm_cfg.d_state}) and shows the
 * value found. A field that is absent or {@code null} takes its default, or is an error without one.
 */
final class JsonFields {
    private final String file;
    private final String prefix;
    private final JsonNode node;

    private JsonFields(String file, String prefix, JsonNode node) {
        this.file = file;
        this.prefix = prefix;
        this.node = node;
    }

    /** The top-level object of {@code file}. */
    static JsonFields root(String file, JsonNode node) {
        if (!node.isObject()) throw new ConfigException(file + ": expected a JSON object, got " + show(node));
        return new JsonFields(file, "", node);
    }

    /** A nested object; an absent one reads as empty, so all its fields take their defaults. */
    JsonFields object(String name) {
        JsonNode v = get(name);
        if (v.isNull()) return new JsonFields(file, path(name) + ".", JsonNodeFactory.instance.objectNode());
        if (!v.isObject()) throw field(name, "must be an object", v);
        return new JsonFields(file, path(name) + ".", v);
    }

    boolean has(String name) { return !get(name).isNull(); }

    /** The raw value, {@link NullNode} when absent. */
    JsonNode get(String name) {
        JsonNode v = node.get(name);
        return v == null ? NullNode.instance : v;
    }

    int positiveInt(String name) { return positiveInt(name, null); }

    int positiveInt(String name, Integer dflt) {
        int v = intValue(name, dflt, "a positive integer");
        if (v <= 0) throw field(name, "must be a positive integer", get(name));
        return v;
    }

    /** A layer count: positive and at most {@link ModelConfig#MAX_LAYERS}. */
    int layerCount(String name) {
        int v = positiveInt(name);
        if (v > ModelConfig.MAX_LAYERS) throw field(name, "is over the " + ModelConfig.MAX_LAYERS + "-layer limit", get(name));
        return v;
    }

    int nonNegativeInt(String name, Integer dflt) {
        int v = intValue(name, dflt, "a non-negative integer");
        if (v < 0) throw field(name, "must be a non-negative integer", get(name));
        return v;
    }

    /**
     * A token id: an integer, or a list of integers of which the first counts; {@code dflt} when the
     * field is absent, empty when it is {@code null} (as transformers writes an unset id).
     */
    OptionalInt tokenId(String name, int dflt) {
        if (!node.has(name)) return OptionalInt.of(dflt);
        JsonNode v = get(name);
        if (v.isArray() && !v.isEmpty()) v = v.get(0);
        if (v.isNull() || v.isArray()) return OptionalInt.empty();
        if (!isInt(v) || v.asInt() < 0) throw field(name, "must be a non-negative integer (or a list of them)", get(name));
        return OptionalInt.of(v.asInt());
    }

    boolean bool(String name, boolean dflt) {
        JsonNode v = get(name);
        if (v.isNull()) return dflt;
        if (!v.isBoolean()) throw field(name, "must be true or false", v);
        return v.booleanValue();
    }

    String string(String name, String dflt) {
        JsonNode v = get(name);
        if (v.isNull()) {
            if (dflt == null) throw missing(name);
            return dflt;
        }
        if (!v.isTextual()) throw field(name, "must be a string", v);
        return v.textValue();
    }

    /** A finite number greater than zero. */
    double positiveDouble(String name, double dflt) {
        JsonNode v = get(name);
        if (v.isNull()) return dflt;
        Double d = floatValue(v);
        if (d == null || !(d > 0) || Double.isInfinite(d)) throw field(name, "must be a finite number > 0", v);
        return d;
    }

    OptionalDouble optionalPositiveDouble(String name) {
        return has(name) ? OptionalDouble.of(positiveDouble(name, 0)) : OptionalDouble.empty();
    }

    /**
     * A {@code [low, high]} range of floats; either bound may be infinite (written as a bare
     * {@code Infinity}, a string, or a {@code {"__float__": "Infinity"}} object), neither NaN.
     */
    double[] range(String name, double[] dflt) {
        JsonNode v = get(name);
        if (v.isNull()) return dflt.clone();
        if (!v.isArray() || v.size() != 2) throw field(name, "must be a list of two numbers [low, high]", v);
        Double lo = floatValue(v.get(0)), hi = floatValue(v.get(1));
        if (lo == null || hi == null) throw field(name, "must be a list of two numbers [low, high]", v);
        if (Double.isNaN(lo) || Double.isNaN(hi)) throw field(name, "must not contain NaN", v);
        if (lo > hi) throw field(name, "must have low <= high", v);
        return new double[] {lo, hi};
    }

    /** A list of integers each in {@code [0, bound)}, no repeats; absent reads as empty. */
    List<Integer> indexList(String name, int bound) {
        JsonNode v = get(name);
        List<Integer> out = new ArrayList<>();
        if (v.isNull()) return out;
        if (!v.isArray()) throw field(name, "must be a list of layer indices", v);
        for (JsonNode e : v) {
            if (!isInt(e) || e.asInt() < 0 || e.asInt() >= bound)
                throw field(name, "must hold layer indices in [0, " + bound + ")", v);
            if (out.contains(e.asInt())) throw field(name, "repeats index " + e.asInt(), v);
            out.add(e.asInt());
        }
        return out;
    }

    /** An error about a field: {@code file: field "path" problem, got value}. */
    ConfigException field(String name, String problem, JsonNode value) {
        return new ConfigException(file + ": field \"" + path(name) + "\" " + problem + ", got " + show(value));
    }

    /** An error about the file as a whole, or about several fields together. */
    ConfigException error(String message) {
        return new ConfigException(file + ": " + message);
    }

    String path(String name) { return prefix + name; }

    private ConfigException missing(String name) {
        return new ConfigException(file + ": required field \"" + path(name) + "\" is missing");
    }

    private int intValue(String name, Integer dflt, String what) {
        JsonNode v = get(name);
        if (v.isNull()) {
            if (dflt == null) throw missing(name);
            return dflt;
        }
        if (!isInt(v)) throw field(name, "must be " + what, v);
        return v.asInt();
    }

    /** Integral and within int range; 2.0 counts (Python may write an int-valued float). */
    private static boolean isInt(JsonNode v) {
        if (v.isIntegralNumber()) return v.canConvertToInt();
        if (!v.isFloatingPointNumber()) return false;
        double d = v.doubleValue();
        return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE;
    }

    /** A number, also as a string or a {@code {"__float__": ...}} object; null if it is none. */
    private static Double floatValue(JsonNode v) {
        JsonNode inner = v;
        if (v.isObject() && v.size() == 1 && v.has("__float__")) inner = v.get("__float__");
        if (inner.isNumber()) return inner.doubleValue();
        if (inner.isTextual()) {
            switch (inner.textValue().trim().toLowerCase(Locale.ROOT)) {
                case "inf", "+inf", "infinity", "+infinity": return Double.POSITIVE_INFINITY;
                case "-inf", "-infinity": return Double.NEGATIVE_INFINITY;
                case "nan", "+nan", "-nan": return Double.NaN;
                default:
                    try {
                        return Double.parseDouble(inner.textValue().trim());
                    } catch (NumberFormatException e) {
                        break;
                    }
            }
        }
        return null;
    }

    /** The value as JSON, cut short so one bad field cannot flood a message. */
    static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) return "nothing";
        String s = v.toString();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
