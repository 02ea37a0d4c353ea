package org.modelregistry.api.deployment;

import jakarta.json.JsonObject;
import java.util.Set;
import org.modelregistry.api.common.RequestJson;

/**
 * Body of {@code POST /api/v1/deployment-targets}. {@code organization} is a slug (left out: the default
 * organization); {@code kind} and {@code format} default to WEBHOOK and GENERIC, {@code enabled} to true. The values
 * are checked by the service (names, environments, the outbound policy for the URL), so that every client gets the
 * same rules. {@code eventSecret}, when given, is the secret the target's CI system signs or sends its own events
 * with (docs/deployments-ci-events.md); like {@code secret} and {@code token} it is never shown again.
 */
public record CreateDeploymentTargetRequest(
        String organization,
        String name,
        String environment,
        String kind,
        String format,
        String url,
        String secret,
        String token,
        JsonObject settings,
        Boolean enabled,
        String eventSecret) {

    public static final Set<String> FIELDS = Set.of(
            "organization",
            "name",
            "environment",
            "kind",
            "format",
            "url",
            "secret",
            "token",
            "settings",
            "enabled",
            "eventSecret");

    /** Reads a request body, naming every unknown field and every field of the wrong type (422). */
    public static CreateDeploymentTargetRequest fromJson(JsonObject body) {
        RequestJson json = RequestJson.of(body, FIELDS);
        CreateDeploymentTargetRequest request = new CreateDeploymentTargetRequest(
                json.string("organization"),
                json.string("name"),
                json.string("environment"),
                json.string("kind"),
                json.string("format"),
                json.string("url"),
                json.string("secret"),
                json.string("token"),
                json.jsonObject("settings"),
                json.bool("enabled"),
                json.string("eventSecret"));
        json.done();
        return request;
    }
}
