package org.modelregistry.api.identity;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code PUT /api/v1/organizations/{slug}/storage}: an organization's storage quota. The field must be
 * present even when null, because null has a meaning of its own (fall back to {@code registry.storage.quota-bytes})
 * and an empty body is more likely a mistake than a request for the default. A negative quota is the
 * organization's rule to refuse.
 *
 * @param quotaBytes bytes, 0 for unlimited, null for the registry's default
 */
public record StorageQuotaRequest(Long quotaBytes) {

    public static final Set<String> FIELDS = Set.of("quotaBytes");

    /** Reads a request body, naming every unknown field, a missing quota and a quota of the wrong type (one 422). */
    public static StorageQuotaRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        if (!json.object().containsKey("quotaBytes")) {
            json.error("quotaBytes", "is required: bytes, 0 for unlimited, or null for the default");
        }
        StorageQuotaRequest request = new StorageQuotaRequest(json.longValue("quotaBytes"));
        json.done();
        return request;
    }
}
