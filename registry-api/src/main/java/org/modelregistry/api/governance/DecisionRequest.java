package org.modelregistry.api.governance;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST .../versions/{version}/approvals}: a reviewer's decision on a version in review. Only the types
 * are checked here; a missing decision, and who may decide when, are the lifecycle service's rules.
 *
 * @param decision null when left out
 * @param comment optional
 */
public record DecisionRequest(Decision decision, String comment) {

    public static final Set<String> FIELDS = Set.of("decision", "comment");

    /** Reads a request body, naming every unknown field and every field of the wrong type (one 422). */
    public static DecisionRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        DecisionRequest request =
                new DecisionRequest(json.enumValue("decision", Decision.class), json.string("comment"));
        json.done();
        return request;
    }
}
