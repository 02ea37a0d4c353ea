package org.modelregistry.application.shared;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;

/** JSON text to and from the services' objects: one JSON-B instance for the whole module. */
public final class JsonText {

    static final Jsonb JSONB = JsonbBuilder.create();

    private JsonText() {}

    public static String write(Object value) {
        return JSONB.toJson(value);
    }

    public static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** An object (a record) as a JSON object, the shape a merge patch applies to. */
    public static JsonObject toObject(Object value) {
        return parse(write(value));
    }
}
