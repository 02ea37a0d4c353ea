package org.modelregistry.api.catalog;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/** Body of {@code POST /api/v1/models/{id}/versions}. */
public record CreateVersionRequest(
        String version, String commitSha, JsonObject metadata, String description, String sourceUri) {

    public static final Set<String> FIELDS = Set.of("version", "commitSha", "metadata", "description", "sourceUri");

    /** Reads a request body, naming every field of the wrong type (422). */
    public static CreateVersionRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        CreateVersionRequest request = new CreateVersionRequest(
                json.string("version"),
                json.string("commitSha"),
                json.jsonObject("metadata"),
                json.string("description"),
                json.string("sourceUri"));
        json.done();
        return request;
    }
}
