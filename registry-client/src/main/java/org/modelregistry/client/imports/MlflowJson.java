package org.modelregistry.client.imports;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON of MLflow's Model Registry REST API 2.0 ({@code model_registry.proto}: {@code RegisteredModel},
 * {@code ModelVersion}, their tags and aliases, the search pages with {@code next_page_token}) and of the artifact
 * proxy's listing, read into records. Unknown fields are ignored (newer servers add some); a field of the wrong
 * type, or an answer that is not a JSON object, is an {@link ImportException} of kind MALFORMED naming the field.
 */
public final class MlflowJson {

    /** A registered model: its name, description, tags, and aliases (alias to version). */
    public record RegisteredModel(
            String name, String description, Map<String, String> tags, Map<String, String> aliases) {}

    /** A model version as MLflow describes it; {@code version} is MLflow's string ("3"). */
    public record ModelVersion(
            String name,
            String version,
            String source,
            String runId,
            String runLink,
            String description,
            String currentStage,
            Map<String, String> tags) {}

    /** One page of a search and the token of the next (null on the last page). */
    public record Page<T>(List<T> items, String nextPageToken) {}

    /** An entry of an artifact listing: a file (with its size when known) or a folder. */
    public record FileInfo(String path, boolean dir, Long size) {}

    private MlflowJson() {}

    /** {@code registered-models/search}: {@code registered_models} and {@code next_page_token}. */
    public static Page<RegisteredModel> modelsPage(String json) {
        JsonObject o = object(json, "registered-models/search");
        return page(o, "registered_models", MlflowJson::model);
    }

    /** {@code registered-models/get}: {@code {"registered_model": {...}}}. */
    public static RegisteredModel modelOf(String json) {
        JsonObject o = object(json, "registered-models/get");
        return model(objectField(o, "registered_model"));
    }

    /** {@code model-versions/search}: {@code model_versions} and {@code next_page_token}. */
    public static Page<ModelVersion> versionsPage(String json) {
        JsonObject o = object(json, "model-versions/search");
        return page(o, "model_versions", MlflowJson::version);
    }

    /** {@code model-versions/get-download-uri}: {@code artifact_uri}. */
    public static String downloadUri(String json) {
        JsonObject o = object(json, "model-versions/get-download-uri");
        String uri = string(o, "artifact_uri");
        if (uri == null || uri.isBlank()) {
            throw malformed("get-download-uri answered without artifact_uri");
        }
        return uri;
    }

    /** The artifact proxy's listing: {@code files} of {@code path}, {@code is_dir}, {@code file_size}. */
    public static List<FileInfo> files(String json) {
        JsonObject o = object(json, "mlflow-artifacts listing");
        List<FileInfo> files = new ArrayList<>();
        for (JsonObject f : objects(o, "files")) {
            String path = string(f, "path");
            if (path == null || path.isBlank()) {
                throw malformed("an artifact listing entry has no path");
            }
            JsonValue dir = f.get("is_dir");
            if (dir != null
                    && dir.getValueType() != JsonValue.ValueType.TRUE
                    && dir.getValueType() != JsonValue.ValueType.FALSE) {
                throw malformed("is_dir of " + path + " is not a boolean");
            }
            files.add(new FileInfo(path, dir == JsonValue.TRUE, number(f, "file_size")));
        }
        return files;
    }

    /** The {@code message} (and {@code error_code}) of an MLflow error answer, or null when it is not one. */
    public static String errorMessage(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            JsonValue v = r.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                return null;
            }
            JsonObject o = v.asJsonObject();
            String code = o.get("error_code") instanceof JsonString s ? s.getString() : null;
            String message = o.get("message") instanceof JsonString s ? s.getString() : null;
            if (code == null && message == null) {
                return null;
            }
            return code == null ? message : code + ": " + message;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    static RegisteredModel model(JsonObject o) {
        String name = requiredString(o, "name", "a registered model");
        Map<String, String> aliases = new LinkedHashMap<>();
        for (JsonObject a : objects(o, "aliases")) {
            aliases.put(
                    requiredString(a, "alias", "an alias of " + name),
                    requiredString(a, "version", "alias of " + name));
        }
        return new RegisteredModel(name, string(o, "description"), tags(o, name), aliases);
    }

    static ModelVersion version(JsonObject o) {
        String name = requiredString(o, "name", "a model version");
        String version = scalar(o, "version");
        if (version == null || version.isBlank()) {
            throw malformed("a model version of " + name + " has no version");
        }
        return new ModelVersion(
                name,
                version,
                string(o, "source"),
                string(o, "run_id"),
                string(o, "run_link"),
                string(o, "description"),
                string(o, "current_stage"),
                tags(o, name + " version " + version));
    }

    private static <T> Page<T> page(JsonObject o, String field, Function<JsonObject, T> item) {
        List<T> items = new ArrayList<>();
        for (JsonObject each : objects(o, field)) {
            items.add(item.apply(each));
        }
        String next = string(o, "next_page_token");
        return new Page<>(items, next == null || next.isEmpty() ? null : next);
    }

    private static Map<String, String> tags(JsonObject o, String of) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonObject t : objects(o, "tags")) {
            String value = string(t, "value");
            tags.put(requiredString(t, "key", "a tag of " + of), value == null ? "" : value);
        }
        return tags;
    }

    private static JsonObject object(String json, String what) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            JsonValue v = r.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw malformed(
                        what + " answered " + v.getValueType().name().toLowerCase(Locale.ROOT) + ", not a JSON object");
            }
            return v.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw malformed(what + " answered something that is not JSON (" + e.getMessage() + ")");
        }
    }

    private static JsonObject objectField(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw malformed("the answer has no object " + field);
        }
        return v.asJsonObject();
    }

    private static List<JsonObject> objects(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return List.of(); // MLflow leaves empty lists out
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw malformed(field + " is not a list");
        }
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue each : (JsonArray) v) {
            if (each.getValueType() != JsonValue.ValueType.OBJECT) {
                throw malformed("an entry of " + field + " is not an object");
            }
            out.add(each.asJsonObject());
        }
        return out;
    }

    private static String string(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw malformed(field + " is not a string");
        }
        return o.getString(field);
    }

    /** A string, or a number given as one (MLflow's proto3 JSON writes int64 as strings, some servers do not). */
    private static String scalar(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v != null && v.getValueType() == JsonValue.ValueType.NUMBER) {
            return v.toString();
        }
        return string(o, field);
    }

    private static Long number(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        try {
            return switch (v.getValueType()) {
                case NUMBER -> o.getJsonNumber(field).longValueExact();
                case STRING -> Long.parseLong(o.getString(field));
                default -> throw malformed(field + " is not a number");
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw malformed(field + " is not a whole number: " + v);
        }
    }

    private static String requiredString(JsonObject o, String field, String of) {
        String s = string(o, field);
        if (s == null || s.isEmpty()) {
            throw malformed(of + " has no " + field);
        }
        return s;
    }

    private static ImportException malformed(String message) {
        return new ImportException(ImportException.Kind.MALFORMED, message);
    }
}
