package org.modelregistry.api.governance;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code PUT /api/v1/models/{id}/aliases/{alias}}: the version the alias is to point at. A missing version
 * and a version that may not carry a protected alias are the alias service's rules.
 *
 * @param version the version string (such as {@code 1.4.0}); null when left out
 */
public record MoveAliasRequest(String version) {

    public static final Set<String> FIELDS = Set.of("version");

    /** Reads a request body, naming every unknown field and every field of the wrong type (one 422). */
    public static MoveAliasRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        MoveAliasRequest request = new MoveAliasRequest(json.string("version"));
        json.done();
        return request;
    }
}
