package org.modelregistry.application;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;

/** JSON text to and from the services' objects: one JSON-B instance for the whole module. */
final class JsonText {

    static final Jsonb JSONB = JsonbBuilder.create();

    private JsonText() {
    }

    static String write(Object value) {
        return JSONB.toJson(value);
    }

    static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** An object (a record) as a JSON object, the shape a merge patch applies to. */
    static JsonObject toObject(Object value) {
        return parse(write(value));
    }
}
