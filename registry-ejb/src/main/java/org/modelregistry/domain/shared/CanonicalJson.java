package org.modelregistry.domain.shared;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.TreeMap;

/**
 * JSON in one canonical form: keys sorted at every level, nulls left out of objects and arrays. Two documents with
 * the same content have the same text, so its SHA-256 names the content (policy inputs, reviewed versions).
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    public static JsonValue of(JsonValue value) {
        if (value instanceof JsonObject o) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            new TreeMap<>(o).forEach((k, v) -> {
                if (v != null && v.getValueType() != JsonValue.ValueType.NULL) {
                    b.add(k, of(v));
                }
            });
            return b.build();
        }
        if (value instanceof JsonArray a) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            a.stream().filter(v -> v.getValueType() != JsonValue.ValueType.NULL).forEach(v -> b.add(of(v)));
            return b.build();
        }
        return value;
    }

    /** SHA-256 (hex) of the canonical text. */
    public static String digest(JsonValue value) {
        return Digests.sha256Hex(of(value).toString());
    }
}
