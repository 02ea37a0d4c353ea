package org.modelregistry.domain.policy;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelregistry.domain.shared.CanonicalJson;
import org.modelregistry.domain.shared.Digests;

/**
 * The input of a policy evaluation, as JSON: its canonical text (keys sorted at every level, nulls left out) is
 * what {@link #digest()} hashes (nulls dropped from objects and arrays alike) and what a policy evaluation records,
 * and {@link #variables()} is the same data as
 * CEL values (objects as maps, integral numbers as Long, others as Double).
 */
public final class PolicyInput {

    private final JsonObject canonical;

    public PolicyInput(JsonObject input) {
        this.canonical = (JsonObject) CanonicalJson.of(input);
    }

    public JsonObject json() {
        return canonical;
    }

    /** SHA-256 (hex) of the canonical JSON text. */
    public String digest() {
        return Digests.sha256Hex(canonical.toString());
    }

    public Map<String, Object> variables() {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String name : PolicyEngine.VARIABLES) {
            JsonValue value = canonical.get(name);
            boolean list = !name.equals("model") && !name.equals("version") && !name.equals("request");
            vars.put(name, value == null ? (list ? List.of() : Map.of()) : cel(value));
        }
        return vars;
    }

    private static Object cel(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, cel(v)));
                return map;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(v -> list.add(cel(v)));
                return list;
            }
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER: {
                JsonNumber n = (JsonNumber) value;
                if (n.isIntegral()) {
                    try {
                        return n.longValueExact();
                    } catch (ArithmeticException e) {
                        return n.doubleValue();
                    }
                }
                return n.doubleValue();
            }
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return "";
        }
    }
}
