package org.modelregistry.api.governance;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST .../versions/{version}/transitions}: the state an owner asks to move a version to. Only the
 * types are checked here; whether the move is allowed (409 with the allowed moves) is the version's own rule.
 *
 * @param to null when left out
 * @param comment optional, kept with the move
 */
public record TransitionRequest(VersionState to, String comment) {

    public static final Set<String> FIELDS = Set.of("to", "comment");

    /** Reads a request body, naming every unknown field and every field of the wrong type (one 422). */
    public static TransitionRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        TransitionRequest request =
                new TransitionRequest(json.enumValue("to", VersionState.class), json.string("comment"));
        json.done();
        return request;
    }
}
