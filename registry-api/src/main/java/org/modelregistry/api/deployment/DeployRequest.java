package org.modelregistry.api.deployment;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST /api/v1/models/{id}/versions/{version}/deployments}: the name of a deployment target of the
 * model's organization. A missing target is refused by the service, after it checked the model and the caller's role
 * (a 404 or 403 comes first, as before the body was typed).
 */
public record DeployRequest(String target) {

    public static final Set<String> FIELDS = Set.of("target");

    /** Reads a request body, naming every unknown field and every field of the wrong type (422). */
    public static DeployRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        DeployRequest request = new DeployRequest(json.string("target"));
        json.done();
        return request;
    }
}
