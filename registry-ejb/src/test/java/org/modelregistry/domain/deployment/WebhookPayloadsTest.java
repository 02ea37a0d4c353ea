package org.modelregistry.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.modelregistry.domain.shared.Signatures;
import org.modelregistry.domain.shared.WebhookCall;

class WebhookPayloadsTest {

    private static final JsonObject EVENT = Json.createObjectBuilder()
            .add("deployment", "d-1")
            .add("model", Json.createObjectBuilder().add("group", "fraud").add("name", "scorer"))
            .add("version", "1.2.0")
            .add("environment", "production")
            .add("target", "prod-eu")
            .add("requestedBy", "dana")
            .add("callback", "https://registry/api/v1/deployments/d-1/status")
            .build();
    private static final String SECRET = "0123456789abcdef-secret";

    private static Map<String, String> form(WebhookCall call) {
        return Arrays.stream(call.bodyText().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(
                        p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void genericSendsTheEventSignedWithAnIdempotencyKey() {
        WebhookCall call = WebhookPayloads.build(
                "GENERIC", "https://hooks.example.com/deploy", null, null, EVENT, SECRET, "d-1", 3, 1_700_000_000L);
        assertThat(Json.createReader(new StringReader(call.bodyText())).readObject())
                .isEqualTo(EVENT);
        assertThat(call.headers())
                .containsEntry("Idempotency-Key", "d-1")
                .containsEntry("X-Registry-Delivery", "d-1/3")
                .containsEntry("Content-Type", "application/json")
                .doesNotContainKey("Authorization");
        String signature = call.headers().get(Signatures.HEADER);
        assertThat(signature).startsWith("t=1700000000,sha256=");
        assertThat(Signatures.verify(SECRET, signature, call.body(), 1_700_000_010L, 300))
                .isTrue();
    }

    @Test
    void aSignatureFailsForAnotherBodyAnotherSecretOrAnOldCall() {
        WebhookCall call = WebhookPayloads.build(
                "GENERIC", "https://h.example.com/", null, null, EVENT, SECRET, "d-1", 1, 1_700_000_000L);
        String signature = call.headers().get(Signatures.HEADER);
        byte[] tampered = call.bodyText().replace("1.2.0", "6.6.6").getBytes(StandardCharsets.UTF_8);
        assertThat(Signatures.verify(SECRET, signature, tampered, 1_700_000_000L, 300))
                .isFalse();
        assertThat(Signatures.verify("another-secret-of-16", signature, call.body(), 1_700_000_000L, 300))
                .isFalse();
        assertThat(Signatures.verify(SECRET, signature, call.body(), 1_700_000_000L + 301, 300))
                .as("replayed")
                .isFalse();
        assertThat(Signatures.verify(SECRET, "sha256=abc", call.body(), 1_700_000_000L, 300))
                .isFalse();
        assertThat(Signatures.verify(SECRET, null, call.body(), 1_700_000_000L, 300))
                .isFalse();
    }

    @Test
    void gitHubGetsARepositoryDispatchWithTheEventAsClientPayload() {
        WebhookCall call = WebhookPayloads.build(
                "GITHUB",
                "https://api.github.com/repos/acme/serving/dispatches",
                "ghp_token",
                Json.createObjectBuilder().add("eventType", "deploy-model").build(),
                EVENT,
                SECRET,
                "d-1",
                1,
                1_700_000_000L);
        JsonObject body = Json.createReader(new StringReader(call.bodyText())).readObject();
        assertThat(body.getString("event_type")).isEqualTo("deploy-model");
        assertThat(body.getJsonObject("client_payload")).isEqualTo(EVENT);
        assertThat(body.getJsonObject("client_payload").size())
                .as("GitHub allows 10 top-level keys")
                .isLessThanOrEqualTo(10);
        assertThat(call.headers())
                .containsEntry("Authorization", "Bearer ghp_token")
                .containsEntry("Accept", "application/vnd.github+json");
        assertThat(WebhookPayloads.build("GITHUB", "https://x.example.com/", null, null, EVENT, SECRET, "d", 1, 1)
                        .bodyText())
                .contains("\"event_type\":\"model-registry-deploy\"");
    }

    @Test
    void gitLabGetsAPipelineTriggerWithVariables() {
        WebhookCall call = WebhookPayloads.build(
                "GITLAB",
                "https://gitlab.example.com/api/v4/projects/7/trigger/pipeline",
                "glptt-trigger",
                Json.createObjectBuilder().add("ref", "release").build(),
                EVENT,
                SECRET,
                "d-1",
                1,
                1);
        Map<String, String> form = form(call);
        assertThat(call.headers()).containsEntry("Content-Type", "application/x-www-form-urlencoded");
        assertThat(form)
                .containsEntry("token", "glptt-trigger")
                .containsEntry("ref", "release")
                .containsEntry("variables[REGISTRY_VERSION]", "1.2.0")
                .containsEntry("variables[REGISTRY_REQUESTED_BY]", "dana")
                .containsEntry("variables[REGISTRY_CALLBACK]", "https://registry/api/v1/deployments/d-1/status");
        assertThat(form.get("variables[REGISTRY_MODEL]")).contains("\"name\":\"scorer\"");
    }

    @Test
    void jenkinsGetsBuildParametersWithBasicAuthentication() {
        WebhookCall call = WebhookPayloads.build(
                "JENKINS",
                "https://ci.example.com/job/deploy/buildWithParameters",
                "robot:api-token",
                Json.createObjectBuilder().add("jobToken", "trigger-me").build(),
                EVENT,
                SECRET,
                "d-1",
                2,
                1);
        Map<String, String> form = form(call);
        assertThat(form)
                .containsEntry("REGISTRY_DEPLOYMENT", "d-1")
                .containsEntry("REGISTRY_ENVIRONMENT", "production")
                .containsEntry("token", "trigger-me");
        assertThat(call.headers().get("Authorization")).isEqualTo("Basic cm9ib3Q6YXBpLXRva2Vu");
    }
}
