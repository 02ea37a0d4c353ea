package org.modelregistry.api.deployment;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST /api/v1/deployments/{id}/status}, a target's report: {@code state} (IN_PROGRESS, SUCCEEDED or
 * FAILED), a {@code message} and a {@code url} to show. The state stays the text sent: the service names an unknown
 * one in the same 422 as a too long message, after its 404 and 403 checks.
 */
public record DeploymentReport(String state, String message, String url) {

    public static final Set<String> FIELDS = Set.of("state", "message", "url");

    /** Reads a request body, naming every unknown field and every field of the wrong type (422). */
    public static DeploymentReport fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        DeploymentReport report =
                new DeploymentReport(json.string("state"), json.string("message"), json.string("url"));
        json.done();
        return report;
    }
}
