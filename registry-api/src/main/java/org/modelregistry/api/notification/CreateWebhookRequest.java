package org.modelregistry.api.notification;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST /api/v1/webhooks}. {@code organization} is a slug (left out: {@code default}); {@code events}
 * event types or {@code ["*"]}; {@code groups} model groups (left out or empty: every group); {@code enabled}
 * defaults to true. Which values are valid (names, URLs the registry may call, secrets, types) is the service's
 * check, so that every client gets the same rules and field names in errors.
 */
public record CreateWebhookRequest(
        String organization,
        String name,
        String url,
        String secret,
        List<String> events,
        List<String> groups,
        Boolean enabled) {

    public static final Set<String> FIELDS =
            Set.of("organization", "name", "url", "secret", "events", "groups", "enabled");

    /** Reads a request body, naming every unknown field and every field of the wrong type (422). */
    public static CreateWebhookRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        CreateWebhookRequest request = new CreateWebhookRequest(
                json.string("organization"),
                json.string("name"),
                json.string("url"),
                json.string("secret"),
                json.strings("events"),
                json.strings("groups"),
                json.bool("enabled"));
        json.done();
        return request;
    }

    /** Whether the subscription starts enabled: unless {@code enabled} is false. */
    public boolean startsEnabled() {
        return enabled == null || enabled;
    }
}
