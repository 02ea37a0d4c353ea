package org.modelregistry.api.catalog;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST /api/v1/models}. {@code organization} is the slug of the organization the model belongs to;
 * left out, it is the one organization where the caller may register models. Validation (names, tags, owners) is the
 * domain's job, so that every client, not only REST, gets the same rules and the same field names in errors.
 */
public record CreateModelRequest(
        String organization,
        String group,
        String name,
        String description,
        List<String> owners,
        RiskTier riskTier,
        List<String> tags) {

    /** The same request naming other owners. */
    public CreateModelRequest withOwners(List<String> newOwners) {
        return new CreateModelRequest(organization, group, name, description, newOwners, riskTier, tags);
    }

    public static final Set<String> FIELDS =
            Set.of("organization", "group", "name", "description", "owners", "riskTier", "tags");

    /** Reads a request body, naming every field of the wrong type (422). */
    public static CreateModelRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        CreateModelRequest request = new CreateModelRequest(
                json.string("organization"),
                json.string("group"),
                json.string("name"),
                json.string("description"),
                json.strings("owners"),
                json.enumValue("riskTier", RiskTier.class),
                json.strings("tags"));
        json.done();
        return request;
    }
}
