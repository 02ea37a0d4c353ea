package org.modelregistry.interfaces.mlflow;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one MLflow request, as MLflow's clients send them: a JSON object in the body (POST, PATCH, and
 * DELETE) or the query string (GET; a DELETE without a body too). Each getter names the parameter in its
 * INVALID_PARAMETER_VALUE when the value has the wrong type.
 */
public final class MlflowParams {

    private final JsonObject body;
    private final MultivaluedMap<String, String> query;

    private MlflowParams(JsonObject body, MultivaluedMap<String, String> query) {
        this.body = body;
        this.query = query;
    }

    /** The query string's parameters. */
    public static MlflowParams of(UriInfo uri) {
        return new MlflowParams(null, uri.getQueryParameters());
    }

    /** The body's JSON object; an empty body falls back to the query string (MLflow's DELETE callers vary). */
    public static MlflowParams of(String body, UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        if (body == null || body.isBlank()) {
            return new MlflowParams(null, query);
        }
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            value = reader.readValue();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw MlflowException.invalid("The body must be a JSON object");
        }
        return new MlflowParams(value.asJsonObject(), null);
    }

    /** An optional string (a JSON number or boolean is taken as its text, as MLflow's JSON parser does). */
    public String string(String name) {
        if (body == null) {
            return query.getFirst(name);
        }
        JsonValue v = body.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER, TRUE, FALSE -> v.toString();
            default -> throw MlflowException.invalid("Invalid value for parameter '" + name + "': expected a string");
        };
    }

    public String required(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            throw MlflowException.invalid("Missing value for required parameter '" + name + "'");
        }
        return value;
    }

    /** An optional whole number between {@code min} and {@code max}. */
    public Long number(String name, long min, long max) {
        String text = string(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw MlflowException.invalid(
                    "Invalid value '" + Shown.of(text) + "' for parameter '" + name + "': expected a whole number");
        }
        if (value < min || value > max) {
            throw MlflowException.invalid(
                    "Invalid value " + value + " for parameter '" + name + "': must be " + min + " to " + max);
        }
        return value;
    }

    public boolean bool(String name) {
        String text = string(name);
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw MlflowException.invalid("Invalid value for parameter '" + name + "': expected true or false");
    }

    /** A list of strings: a JSON array, or the query parameter repeated. */
    public List<String> strings(String name) {
        if (body == null) {
            List<String> values = query.get(name);
            return values == null ? List.of() : List.copyOf(values);
        }
        JsonValue v = body.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw MlflowException.invalid("Invalid value for parameter '" + name + "': expected a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : v.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw MlflowException.invalid("Invalid value for parameter '" + name + "': expected a list of strings");
            }
            out.add(((JsonString) item).getString());
        }
        return out;
    }

    /** MLflow's tags, {@code [{"key": ..., "value": ...}]}, in order; a key given twice keeps its last value. */
    public Map<String, String> tags(String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (body == null) {
            if (query.containsKey(name)) {
                throw MlflowException.invalid("Parameter '" + name + "' is only read from a JSON body");
            }
            return tags;
        }
        JsonValue v = body.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return tags;
        }
        String expected =
                "Invalid value for parameter '" + name + "': expected a list of {\"key\": ..., \"value\": ...}";
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw MlflowException.invalid(expected);
        }
        for (JsonValue item : v.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw MlflowException.invalid(expected);
            }
            MlflowParams tag = new MlflowParams(item.asJsonObject(), null);
            String value = tag.string("value");
            tags.put(tag.required("key"), value == null ? "" : value);
        }
        return tags;
    }
}
