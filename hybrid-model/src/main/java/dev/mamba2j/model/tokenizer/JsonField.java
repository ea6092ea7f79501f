package dev.mamba2j.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node of tokenizer.json with its path ({@code pre_tokenizer.pretokenizers[1].pattern}), so that
 * every refusal names the file and the field. A missing field reads as JSON null.
 */
final class JsonField {
    private final String file;
    private final JsonNode node;
    // The path is spelled out only for an error: a vocabulary has a hundred thousand members.
    private final JsonField parent;
    private final String name;
    private final int index;
    private final boolean member;

    JsonField(String file, String path, JsonNode node) {
        this(file, node, null, path, -1, false);
    }

    private JsonField(String file, JsonNode node, JsonField parent, String name, int index, boolean member) {
        this.file = file;
        this.node = node;
        this.parent = parent;
        this.name = name;
        this.index = index;
        this.member = member;
    }

    String path() {
        if (parent == null) {
            return name;
        }
        String up = parent.path();
        if (index >= 0) {
            return up + "[" + index + "]";
        }
        if (member) {
            return up + "[\"" + name + "\"]";
        }
        return up.isEmpty() ? name : up + "." + name;
    }

    boolean isNull() { return node == null || node.isNull() || node.isMissingNode(); }

    boolean isObject() { return node != null && node.isObject(); }

    boolean isArray() { return node != null && node.isArray(); }

    boolean isText() { return node != null && node.isTextual(); }

    boolean has(String name) { return isObject() && node.has(name); }

    JsonField get(String name) {
        return new JsonField(file, isObject() ? node.get(name) : null, this, name, -1, false);
    }

    TokenizerException fail(String message) {
        String path = path();
        return new TokenizerException(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** The text of a required string. */
    String text() {
        if (node == null || !node.isTextual()) {
            throw fail(isNull() ? "missing (a string is required)" : "must be a string, not " + describe());
        }
        return node.textValue();
    }

    /** The text of a string that may be null or missing. */
    String textOrNull() { return isNull() ? null : text(); }

    boolean bool(boolean ifMissing) {
        if (isNull()) {
            return ifMissing;
        }
        if (!node.isBoolean()) {
            throw fail("must be true or false, not " + describe());
        }
        return node.booleanValue();
    }

    /** A token id: an integer from 0 to 2^31-1. */
    int id() {
        if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToInt() || node.intValue() < 0) {
            throw fail("must be a token id (an integer from 0 to " + Integer.MAX_VALUE + "), not " + describe());
        }
        return node.intValue();
    }

    double number() {
        if (node == null || !node.isNumber()) {
            throw fail("must be a number, not " + describe());
        }
        return node.doubleValue();
    }

    /** The {@code type} field of a component object. */
    String type() {
        if (!isObject()) {
            throw fail("must be an object with a \"type\", not " + describe());
        }
        return get("type").text();
    }

    List<JsonField> elements() {
        if (node == null || !node.isArray()) {
            throw fail("must be an array, not " + describe());
        }
        List<JsonField> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonField(file, node.get(i), this, null, i, false));
        }
        return out;
    }

    /** The members of an object, in file order. */
    List<Map.Entry<String, JsonField>> members() {
        if (!isObject()) {
            throw fail("must be an object, not " + describe());
        }
        List<Map.Entry<String, JsonField>> out = new ArrayList<>(node.size());
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.add(Map.entry(e.getKey(), new JsonField(file, e.getValue(), this, e.getKey(), -1, true)));
        }
        return out;
    }

    private String describe() {
        if (isNull()) {
            return "null";
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
