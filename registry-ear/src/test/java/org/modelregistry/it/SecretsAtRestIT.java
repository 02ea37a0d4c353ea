package org.modelregistry.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.unique;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Secrets written in plain text by a release before encryption at rest (V17) are sealed at the next start, with an
 * audit record, and still work: a webhook whose stored secret was plain text signs its deliveries with that secret
 * after the restart. Starts and stops the server itself, in the Failsafe execution of the tests that restart it.
 */
class SecretsAtRestIT {

    private static final String SECRET = "legacy-plain-webhook-secret-77";
    private static final String TOKEN = "legacy-plain-target-token-77";
    private static WireMockServer receiver;

    @BeforeAll
    static void start() {
        LibertyServer.start();
        // the port the IT server may call (registry.outbound.allow in registry-ear/pom.xml)
        receiver = new WireMockServer(
                options().bindAddress("127.0.0.1").port(Integer.getInteger("registry.it.crash.target.port")));
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/legacy")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stop() {
        receiver.stop();
        LibertyServer.stop();
    }

    @Test
    void plainTextSecretsOfAnEarlierReleaseAreSealedAtTheNextStartAndStillWork() {
        String group = unique("legacy");
        Reply hook = Api.post(
                "/webhooks",
                "{\"name\":\"" + unique("hook") + "\",\"url\":\"http://127.0.0.1:"
                        + receiver.port() + "/legacy\",\"secret\":\"" + SECRET + "\",\"events\":[\"version.created\"],"
                        + "\"groups\":[\"" + group + "\"]}");
        assertThat(hook.status()).as(hook.body()).isEqualTo(201);
        String hookId = hook.json().getString("id");
        Reply target = Api.post(
                "/deployment-targets",
                "{\"organization\":\"default\",\"name\":\"" + unique("t")
                        + "\",\"environment\":\"staging\",\"url\":\"https://203.0.113.20/deploy\",\"secret\":\""
                        + SECRET
                        + "\",\"token\":\"" + TOKEN + "\"}");
        assertThat(target.status()).as(target.body()).isEqualTo(201);
        String targetId = target.json().getString("id");

        // the rows as a release before V17 left them (written here as the database owner)
        Api.update(
                "UPDATE webhook_subscription SET secret = ?, secrets_sealed = false WHERE id = CAST(? AS uuid)",
                SECRET,
                hookId);
        Api.update(
                "UPDATE deployment_target SET secret = ?, token = ?, secrets_sealed = false"
                        + " WHERE id = CAST(? AS uuid)",
                SECRET,
                TOKEN,
                targetId);

        LibertyServer.stop();
        LibertyServer.start(); // an upgrade: the same data, the application deployed again

        assertThat(Api.count(
                        "SELECT count(*) FROM webhook_subscription WHERE id = CAST(? AS uuid) AND secrets_sealed"
                                + " AND secret LIKE 'sb1:%' AND strpos(secret, ?) = 0",
                        hookId, SECRET))
                .isEqualTo(1);
        assertThat(Api.count(
                        "SELECT count(*) FROM deployment_target WHERE id = CAST(? AS uuid) AND secrets_sealed"
                                + " AND secret LIKE 'sb1:%' AND token LIKE 'sb1:%' AND strpos(token, ?) = 0",
                        targetId, TOKEN))
                .isEqualTo(1);
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE object_id IN (CAST(? AS uuid), CAST(? AS uuid))"
                                + " AND action LIKE '%.secrets-encrypted' AND details ->> 'from' = 'plain text'",
                        hookId, targetId))
                .isEqualTo(2);
        assertThat(Api.get("/deployment-targets/" + targetId).json().getBoolean("tokenSet"))
                .isTrue();

        // the sealed secret is the same secret: deliveries are signed with it
        String model = Api.createModel(group, "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/legacy"))).stream()
                        .anyMatch(r -> r.getBodyAsString().contains(model)));
        List<LoggedRequest> calls = receiver.findAll(postRequestedFor(urlEqualTo("/legacy"))).stream()
                .filter(r -> r.getBodyAsString().contains(model))
                .toList();
        String[] signature = calls.get(0).getHeader("X-Registry-Signature").split(",");
        assertThat(signature[1])
                .isEqualTo("sha256="
                        + Api.signature(
                                SECRET, signature[0].substring(2), calls.get(0).getBody()));
    }
}
