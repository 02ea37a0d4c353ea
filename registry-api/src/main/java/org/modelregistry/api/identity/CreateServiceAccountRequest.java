package org.modelregistry.api.identity;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/** Body of {@code POST /api/v1/service-accounts}. */
public record CreateServiceAccountRequest(String name, String organization, Role role, Integer expiresInDays) {

    public static final Set<String> FIELDS = Set.of("name", "organization", "role", "expiresInDays");

    public static CreateServiceAccountRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        Long days = json.longValue("expiresInDays");
        CreateServiceAccountRequest r = new CreateServiceAccountRequest(
                json.string("name"),
                json.string("organization"),
                json.enumValue("role", Role.class),
                days == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, days)));
        if (r.organization() == null) {
            json.error("organization", "is required");
        }
        json.done();
        return r;
    }
}
