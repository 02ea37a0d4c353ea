package org.modelregistry.api.identity;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST /api/v1/organizations}. Only the types are checked here; what a slug may look like and whether
 * it is taken are the organization's rules.
 *
 * @param slug the organization's name in URLs and requests; null when left out
 * @param displayName optional
 */
public record CreateOrganizationRequest(String slug, String displayName) {

    public static final Set<String> FIELDS = Set.of("slug", "displayName");

    /** Reads a request body, naming every unknown field and every field of the wrong type (one 422). */
    public static CreateOrganizationRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        CreateOrganizationRequest request =
                new CreateOrganizationRequest(json.string("slug"), json.string("displayName"));
        json.done();
        return request;
    }
}
