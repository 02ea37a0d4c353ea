package org.modelregistry.domain.deployment;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.modelregistry.domain.shared.Signatures;
import org.modelregistry.domain.shared.WebhookCall;

/**
 * Builds the call a target's CI/CD system expects for a deployment event:
 * <ul>
 * <li>GENERIC: the event as JSON.</li>
 * <li>GITHUB: {@code repository_dispatch} ({@code POST /repos/{owner}/{repo}/dispatches}) with {@code event_type}
 * (setting {@code eventType}, default {@code model-registry-deploy}) and the event as {@code client_payload};
 * the token as {@code Authorization: Bearer}.</li>
 * <li>GITLAB: pipeline trigger ({@code POST /projects/{id}/trigger/pipeline}), form fields {@code token},
 * {@code ref} (setting {@code ref}, default {@code main}) and {@code variables[REGISTRY_...]}.</li>
 * <li>JENKINS: {@code buildWithParameters}, form parameters {@code REGISTRY_...}, the token ({@code user:apiToken})
 * as HTTP basic authentication, and the job's trigger token (setting {@code jobToken}) as {@code token}.</li>
 * </ul>
 * Every call carries {@code Idempotency-Key} (the deployment id: the same for every retry of one deployment, so a
 * target can ignore a repeat), {@code X-Registry-Delivery} (deployment/attempt) and the HMAC signature.
 */
public final class WebhookPayloads {

    public static final Set<String> FORMATS = Set.of("GENERIC", "GITHUB", "GITLAB", "JENKINS");

    private WebhookPayloads() {}

    /**
     * @param event {deployment, model, version, environment, target, callback, ...}: at most 10 top-level keys
     *              (GitHub's limit for client_payload)
     */
    public static WebhookCall build(
            String format,
            String url,
            String token,
            JsonObject settings,
            JsonObject event,
            String secret,
            String idempotencyKey,
            int attempt,
            long epochSeconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        URI uri = URI.create(url);
        switch (format) {
            case "GENERIC" -> {
                headers.put("Content-Type", "application/json");
                if (token != null) {
                    headers.put("Authorization", "Bearer " + token);
                }
                body = event.toString().getBytes(StandardCharsets.UTF_8);
            }
            case "GITHUB" -> {
                headers.put("Content-Type", "application/json");
                headers.put("Accept", "application/vnd.github+json");
                headers.put("X-GitHub-Api-Version", "2022-11-28");
                if (token != null) {
                    headers.put("Authorization", "Bearer " + token);
                }
                body = Json.createObjectBuilder()
                        .add("event_type", setting(settings, "eventType", "model-registry-deploy"))
                        .add("client_payload", event)
                        .build()
                        .toString()
                        .getBytes(StandardCharsets.UTF_8);
            }
            case "GITLAB" -> {
                headers.put("Content-Type", "application/x-www-form-urlencoded");
                Map<String, String> form = new LinkedHashMap<>();
                if (token != null) {
                    form.put("token", token);
                }
                form.put("ref", setting(settings, "ref", "main"));
                variables(event).forEach((k, v) -> form.put("variables[" + k + "]", v));
                body = form(form);
            }
            case "JENKINS" -> {
                headers.put("Content-Type", "application/x-www-form-urlencoded");
                if (token != null) {
                    headers.put(
                            "Authorization",
                            "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
                }
                Map<String, String> form = new LinkedHashMap<>(variables(event));
                String jobToken = setting(settings, "jobToken", null);
                if (jobToken != null) {
                    form.put("token", jobToken);
                }
                body = form(form);
            }
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
        headers.put("User-Agent", "model-registry");
        headers.put("Idempotency-Key", idempotencyKey);
        headers.put("X-Registry-Delivery", idempotencyKey + "/" + attempt);
        headers.put(Signatures.HEADER, Signatures.header(secret, epochSeconds, body));
        return new WebhookCall(uri, Map.copyOf(headers), body);
    }

    /** The event's values as REGISTRY_UPPER_SNAKE variables (strings and numbers; nested objects as JSON). */
    static Map<String, String> variables(JsonObject event) {
        Map<String, String> vars = new LinkedHashMap<>();
        event.forEach((k, v) -> vars.put(
                "REGISTRY_" + k.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(),
                v.getValueType() == JsonValue.ValueType.STRING ? event.getString(k) : v.toString()));
        return vars;
    }

    private static String setting(JsonObject settings, String key, String fallback) {
        return settings != null
                        && settings.containsKey(key)
                        && settings.get(key).getValueType() == JsonValue.ValueType.STRING
                ? settings.getString(key)
                : fallback;
    }

    private static byte[] form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
