package org.modelregistry.api.policy;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST .../versions/{version}/policy-check}: the move whose gating policies to dry-run. Only the types
 * are checked here; which states can be gated and what an environment may be named are the policy service's rules.
 *
 * @param to the target state; null when left out
 * @param environment the deployment environment the policies see when {@code to} is DEPLOYED; optional
 */
public record PolicyCheckRequest(VersionState to, String environment) {

    public static final Set<String> FIELDS = Set.of("to", "environment");

    /** Reads a request body, naming every unknown field and every field of the wrong type (one 422). */
    public static PolicyCheckRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        PolicyCheckRequest request =
                new PolicyCheckRequest(json.enumValue("to", VersionState.class), json.string("environment"));
        json.done();
        return request;
    }
}
