package org.modelregistry.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.unique;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Deployments through the real broker to webhook targets played by WireMock: signed calls with an idempotency key,
 * the target's report through a service account, production making the version DEPLOYED, retries on 5xx and
 * timeouts, a refusal failing at once, the circuit breaker and the dead letter queue, policies and rollbacks.
 */
class DeploymentIT extends RegistryDeployment {

    private static final String SECRET = "it-signing-secret-0123456789";
    private static WireMockServer target;

    private static String base() {
        return "http://127.0.0.1:" + target.port();
    }

    private static String deployer;

    @BeforeAll
    static void start() {
        // on the port the IT server may call (registry.outbound.allow in registry-ear/pom.xml)
        // the port the IT server may call (registry.outbound.allow in registry-ear/pom.xml)
        target = new WireMockServer(
                options().bindAddress("127.0.0.1").port(Integer.getInteger("registry.it.target.port")));
        target.start();
        Reply account = Api.post(
                "/service-accounts",
                "{\"name\":\"" + unique("cd") + "\",\"organization\":\"default\","
                        + "\"role\":\"DEPLOYER\",\"expiresInDays\":1}");
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        deployer = "Bearer "
                + Api.post(
                                "/auth/token",
                                "{\"apiKey\":\"" + account.json().getString("apiKey") + "\"}",
                                Api.NO_AUTH,
                                "")
                        .json()
                        .getString("access_token");
    }

    @AfterAll
    static void stop() {
        target.stop();
    }

    /** A target of the default organization calling WireMock at {@code path}. */
    private static String target(String environment, String path) {
        String name = unique("t");
        Reply created = Api.post(
                "/deployment-targets",
                "{\"organization\":\"default\",\"name\":\"" + name + "\","
                        + "\"environment\":\"" + environment + "\",\"url\":\"" + base() + path + "\",\"secret\":\""
                        + SECRET + "\",\"token\":\"target-token\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(SECRET).doesNotContain("target-token");
        return name;
    }

    /** A LOW risk model with APPROVED versions; returns the model id. */
    private static String approvedModel(String... versions) {
        String model = Api.createModel(unique("deployed"), "LOW").getString("id");
        String reviewer = Api.member("REVIEWER");
        for (String v : versions) {
            Api.createVersion(model, v);
            String path = "/models/" + model + "/versions/" + v;
            assertThat(Api.post(path + "/transitions", "{\"to\":\"IN_REVIEW\"}").status())
                    .isEqualTo(200);
            Reply approved = Api.post(path + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", reviewer);
            assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        }
        assertThat(get("/models/" + model + "/versions/" + versions[0]).json().getString("state"))
                .isEqualTo("APPROVED");
        return model;
    }

    private static Reply deploy(String model, String version, String targetName) {
        return Api.post(
                "/models/" + model + "/versions/" + version + "/deployments",
                "{\"target\":\"" + targetName + "\"}",
                "Authorization",
                deployer);
    }

    private static JsonObject until(String location, Predicate<JsonObject> done) {
        JsonObject[] last = {null};
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    last[0] = get(location).json();
                    return done.test(last[0]);
                });
        return last[0];
    }

    private static boolean dispatched(JsonObject d) {
        return d.containsKey("dispatchedAt") && !d.isNull("dispatchedAt");
    }

    private static List<String> outcomes(JsonObject d) {
        return d.getJsonArray("calls").stream()
                .map(c -> c.asJsonObject().getString("outcome"))
                .toList();
    }

    @Test
    void aProductionDeploymentCallsItsTargetSignedAndEndsWithTheTargetsReport() throws Exception {
        target.stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(202)));
        String prod = target("production", "/ok");
        String model = approvedModel("1.0.0");

        Reply queued = deploy(model, "1.0.0", prod);
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(queued.json().getString("state")).isEqualTo("REQUESTED");
        String location = queued.header("Location");
        String id = queued.json().getString("id");
        assertThat(location).endsWith("/api/v1/deployments/" + id);

        JsonObject waiting = until(location, DeploymentIT::dispatched);
        assertThat(waiting.getString("state")).isEqualTo("IN_PROGRESS");
        assertThat(outcomes(waiting)).containsExactly("ACCEPTED");

        List<LoggedRequest> calls =
                target.findAll(postRequestedFor(urlEqualTo("/ok")).withHeader("Idempotency-Key", equalTo(id)));
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.get(0);
        String[] signature = call.getHeader("X-Registry-Signature").split(",");
        String t = signature[0].substring(2);
        assertThat(signature[1]).isEqualTo("sha256=" + Api.signature(SECRET, t, call.getBody()));
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer target-token");
        JsonObject event =
                Json.createReader(new StringReader(call.getBodyAsString())).readObject();
        assertThat(event.getString("deployment")).isEqualTo(id);
        assertThat(event.getString("version")).isEqualTo("1.0.0");
        assertThat(event.getString("environment")).isEqualTo("production");
        String callback = event.getString("callback");
        assertThat(callback).endsWith("/api/v1/deployments/" + id + "/status");

        // the target reports back with its service account, at the callback it was given
        String statusPath = callback.substring(callback.indexOf("/api/v1") + "/api/v1".length());
        Reply running = Api.post(
                statusPath, "{\"state\":\"IN_PROGRESS\",\"message\":\"rolling out\"}", "Authorization", deployer);
        assertThat(running.status()).as(running.body()).isEqualTo(200);
        Reply done = Api.post(
                statusPath,
                "{\"state\":\"SUCCEEDED\",\"message\":\"12 pods\",\"url\":" + "\"https://ci.example.com/runs/42\"}",
                "Authorization",
                deployer);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().getString("state")).isEqualTo("SUCCEEDED");
        assertThat(done.json().getString("externalUrl")).isEqualTo("https://ci.example.com/runs/42");
        assertThat(done.json().getString("reportedBy")).startsWith("svc+");
        assertThat(get("/models/" + model + "/versions/1.0.0").json().getString("state"))
                .isEqualTo("DEPLOYED");

        assertThat(Api.post(statusPath, "{\"state\":\"SUCCEEDED\"}", "Authorization", deployer)
                        .status())
                .as("the same report again")
                .isEqualTo(200);
        Reply contradiction = Api.post(statusPath, "{\"state\":\"FAILED\"}", "Authorization", deployer);
        assertThat(contradiction.status()).isEqualTo(409);
        assertThat(contradiction.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Api.post(statusPath, "{\"state\":\"DONE\"}", "Authorization", deployer)
                        .status())
                .isEqualTo(422);
        assertThat(Api.post(statusPath, "{\"state\":\"FAILED\"}", "Authorization", Api.member("VIEWER"))
                        .status())
                .isEqualTo(403);
        assertThat(target.findAll(postRequestedFor(urlEqualTo("/ok"))).size())
                .as("called once")
                .isEqualTo(1);
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE object_id = CAST(? AS uuid) AND action IN"
                                + " ('deployment.requested', 'deployment.dispatched', 'deployment.progress', 'deployment.succeeded')",
                        id))
                .isEqualTo(4);
        assertThat(get("/models/" + model + "/versions/1.0.0/deployments")
                        .jsonAny()
                        .asJsonArray())
                .hasSize(1);
    }

    @Test
    void serverErrorsAndTimeoutsAreRetriedWithTheSameIdempotencyKey() {
        target.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("slow"));
        target.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("slow")
                .willReturn(aResponse().withStatus(202).withFixedDelay(2500))
                .willSetStateTo("up"));
        target.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("{\"run\":7}")));
        String staging = target("staging", "/flaky");
        String model = approvedModel("2.0.0");
        Reply queued = deploy(model, "2.0.0", staging);
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);

        JsonObject d = until(queued.header("Location"), DeploymentIT::dispatched);
        assertThat(outcomes(d)).containsExactly("ERROR", "TIMEOUT", "ACCEPTED");
        assertThat(d.getJsonArray("calls").getJsonObject(0).getInt("httpStatus"))
                .isEqualTo(503);
        assertThat(d.getInt("attempt")).as("retried within one delivery").isEqualTo(1);
        List<LoggedRequest> calls = target.findAll(postRequestedFor(urlEqualTo("/flaky")));
        assertThat(calls).hasSize(3);
        assertThat(calls.stream().map(c -> c.getHeader("Idempotency-Key")).distinct())
                .containsExactly(queued.json().getString("id"));
        assertThat(get("/models/" + model + "/versions/2.0.0").json().getString("state"))
                .as("staging does not make a version DEPLOYED")
                .isEqualTo("APPROVED");
    }

    @Test
    void aRefusalFailsTheDeploymentAtOnce() {
        target.stubFor(post(urlEqualTo("/refuses"))
                .willReturn(aResponse().withStatus(401).withBody("bad token")));
        String dev = target("development", "/refuses");
        String model = approvedModel("1.0.0");
        Reply queued = deploy(model, "1.0.0", dev);
        JsonObject d =
                until(queued.header("Location"), j -> j.getString("state").equals("FAILED"));
        assertThat(outcomes(d)).containsExactly("REJECTED");
        assertThat(d.getString("message")).contains("HTTP 401").doesNotContain("bad token");
        assertThat(d.getJsonArray("calls").getJsonObject(0).getString("detail"))
                .as("the status only: a target's answer is never read back through the registry")
                .isEqualTo("HTTP 401");
        JsonObject seenByViewer = get("/deployments/" + d.getString("id"), "Authorization", Api.member("VIEWER"))
                .json();
        assertThat(seenByViewer.getJsonArray("calls").getJsonObject(0).containsKey("detail"))
                .as("what a target answered is for deployers and administrators")
                .isFalse();
        assertThat(Api.post(
                                "/deployments/" + d.getString("id") + "/status",
                                "{\"state\":\"SUCCEEDED\"}",
                                "Authorization",
                                deployer)
                        .status())
                .as("ended")
                .isEqualTo(409);
    }

    @Test
    void aTargetThatKeepsFailingOpensItsCircuitAndTheJobEndsInTheDeadLetterQueue() {
        target.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(500)));
        String down = target("staging", "/down");
        String model = approvedModel("1.0.0");
        Reply queued = deploy(model, "1.0.0", down);
        JsonObject d =
                until(queued.header("Location"), j -> j.getString("state").equals("FAILED"));
        assertThat(d.getString("message")).contains("every delivery");
        assertThat(d.getInt("attempt")).as("delivered five times").isEqualTo(5);
        List<String> outcomes = outcomes(d);
        assertThat(outcomes.stream().filter("ERROR"::equals).count())
                .as("calls before the circuit opened")
                .isEqualTo(4);
        assertThat(outcomes).contains("CIRCUIT_OPEN");
        assertThat(target.findAll(postRequestedFor(urlEqualTo("/down"))))
                .as("an open circuit calls nobody")
                .hasSize(4);
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE object_id = CAST(? AS uuid) AND action ="
                                + " 'deployment.failed'",
                        d.getString("id")))
                .isEqualTo(1);
    }

    @Test
    void policiesStatesRolesAndTargetsAreChecked() {
        target.stubFor(post(urlEqualTo("/checks")).willReturn(aResponse().withStatus(202)));
        String prod = target("production", "/checks");
        String draftModel = Api.createModel(unique("undeployable"), "LOW").getString("id");
        Api.createVersion(draftModel, "0.1.0");
        Reply draft = deploy(draftModel, "0.1.0", prod);
        assertThat(draft.status()).as("a DRAFT is not deployed").isEqualTo(409);
        assertThat(draft.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("state");

        String model = approvedModel("1.0.0");
        Reply unknown = deploy(model, "1.0.0", "nowhere");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("target");
        assertThat(Api.post(
                                "/models/" + model + "/versions/1.0.0/deployments",
                                "{\"target\":\"" + prod + "\"}",
                                "Authorization",
                                Api.member("CONTRIBUTOR"))
                        .status())
                .as("not a deployer")
                .isEqualTo(403);
        assertThat(Api.post(
                                "/models/" + model + "/versions/1.0.0/deployments",
                                "{\"target\":\"" + prod + "\",\"extra\":1}",
                                "Authorization",
                                deployer)
                        .status())
                .isEqualTo(422);

        // HIGH risk: the default policy wants a passing evaluation before any deployment
        String high = Api.createModel(unique("risky"), "HIGH").getString("id");
        Api.createVersion(high, "1.0.0");
        Api.update("UPDATE model_version SET state = 'APPROVED' WHERE model_id = CAST(? AS uuid)", high);
        Reply blocked = deploy(high, "1.0.0", prod);
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(422);
        assertThat(blocked.json().getString("type")).endsWith("/policy-violation");
        assertThat(blocked.body()).contains("evaluation-before-deployment");

        Reply first = deploy(model, "1.0.0", prod);
        assertThat(first.status()).isEqualTo(202);
        assertThat(deploy(model, "1.0.0", prod).status())
                .as("one deployment per target at a time")
                .isEqualTo(409);

        Reply bad = Api.post(
                "/deployment-targets",
                "{\"name\":\"Bad Name\",\"environment\":\"moon\",\"url\":"
                        + "\"ftp://x\",\"secret\":\"short\",\"format\":\"SVN\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().getJsonArray("errors").stream()
                        .map(e -> e.asJsonObject().getString("field")))
                .contains("name", "environment", "url", "secret", "format");
        assertThat(Api.post(
                                "/deployment-targets",
                                "{\"name\":\"" + prod + "\",\"environment\":\"production\","
                                        + "\"url\":\"https://x.example.com\",\"secret\":\"" + SECRET + "\"}")
                        .status())
                .isEqualTo(409);
        assertThat(Api.post(
                                "/deployment-targets",
                                "{\"name\":\"" + unique("t") + "\",\"environment\":\"production\","
                                        + "\"url\":\"https://x.example.com\",\"secret\":\"" + SECRET + "\"}",
                                "Authorization",
                                deployer)
                        .status())
                .as("targets are for administrators")
                .isEqualTo(403);
        assertThat(get("/deployments/" + first.json().getString("id"), "Authorization", Api.member("VIEWER"))
                        .status())
                .isEqualTo(200);
        assertThat(get("/deployments/00000000-0000-7000-8000-000000000000").status())
                .isEqualTo(404);
        String noSuchId = "00000000-0000-7000-8000-000000000000";
        assertThat(get("/deployment-targets/" + noSuchId).status()).isEqualTo(404);
        assertThat(Api.patch("/deployment-targets/" + noSuchId, "{\"enabled\":false}")
                        .status())
                .isEqualTo(404);
        assertThat(Api.post(
                                "/deployments/" + noSuchId + "/status",
                                "{\"state\":\"SUCCEEDED\"}",
                                "Authorization",
                                deployer)
                        .status())
                .isEqualTo(404);
        assertThat(Api.post("/deployments/" + noSuchId + "/rollback", "", "Authorization", deployer)
                        .status())
                .isEqualTo(404);
        assertThat(get("/deployments/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void aTargetCanBeDisabledAndItsSecretRotated() {
        String name = target("development", "/rotated");
        JsonObject created = Api.get("/deployment-targets").jsonAny().asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .filter(t -> t.getString("name").equals(name))
                .findFirst()
                .orElseThrow();
        String path = "/deployment-targets/" + created.getString("id");
        Reply stale = Api.patch(path, "{\"enabled\":false}", "If-Match", "\"99\"");
        assertThat(stale.status()).isEqualTo(412);
        Reply disabled = Api.patch(
                path,
                "{\"enabled\":false,\"secret\":\"another-secret-0123456789\"}",
                "If-Match",
                "\"" + created.getInt("version") + "\"");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().getBoolean("enabled")).isFalse();
        assertThat(disabled.body()).doesNotContain("another-secret");
        assertThat(Api.patch(path, "{\"environment\":\"production\"}").status()).isEqualTo(422);
        // settings are merged: naming one keeps the others, and a credential-like setting is masked, never stored
        // masked
        assertThat(Api.patch(path, "{\"settings\":{\"jobToken\":\"trigger-123\",\"ref\":\"main\"}}")
                        .status())
                .isEqualTo(200);
        Reply merged = Api.patch(path, "{\"settings\":{\"ref\":\"release\"}}");
        assertThat(merged.json().getJsonObject("settings").getString("jobToken"))
                .isEqualTo("(set)");
        assertThat(merged.json().getJsonObject("settings").getString("ref")).isEqualTo("release");
        assertThat(merged.body()).doesNotContain("trigger-123");
        assertThat(Api.patch(path, "{\"settings\":{\"jobToken\":\"(set)\"}}").status())
                .isEqualTo(422);
        Reply badToken = Api.patch(path, "{\"token\":\"abc\\n\"}");
        assertThat(badToken.status()).as("a token goes into a header").isEqualTo(422);
        String model = approvedModel("1.0.0");
        assertThat(deploy(model, "1.0.0", name).status()).as("disabled").isEqualTo(409);
    }

    @Test
    void aRollbackRedeploysThePreviousVersionToTheSameTarget() {
        target.stubFor(post(urlEqualTo("/rollback")).willReturn(aResponse().withStatus(202)));
        String prod = target("production", "/rollback");
        String model = approvedModel("1.0.0", "1.1.0");
        String firstId = succeed(deploy(model, "1.0.0", prod));
        String secondId = succeed(deploy(model, "1.1.0", prod));
        assertThat(Api.post("/deployments/" + firstId + "/rollback", "", "Authorization", deployer)
                        .status())
                .as("nothing before the first")
                .isEqualTo(409);

        Reply rollback = Api.post("/deployments/" + secondId + "/rollback", "", "Authorization", deployer);
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(202);
        assertThat(rollback.json().getString("version")).isEqualTo("1.0.0");
        assertThat(rollback.json().getString("rollbackOf")).isEqualTo(secondId);
        JsonObject event = null;
        String rollbackId = rollback.json().getString("id");
        until(rollback.header("Location"), DeploymentIT::dispatched);
        for (LoggedRequest r : target.findAll(postRequestedFor(urlEqualTo("/rollback")))) {
            JsonObject e =
                    Json.createReader(new StringReader(r.getBodyAsString())).readObject();
            if (e.getString("deployment").equals(rollbackId)) {
                event = e;
            }
        }
        assertThat(event).isNotNull();
        assertThat(event.getString("rollbackOf")).isEqualTo(secondId);
        assertThat(event.getString("version")).isEqualTo("1.0.0");
    }

    private static String succeed(Reply queued) {
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        until(queued.header("Location"), DeploymentIT::dispatched);
        String id = queued.json().getString("id");
        assertThat(Api.post("/deployments/" + id + "/status", "{\"state\":\"SUCCEEDED\"}", "Authorization", deployer)
                        .status())
                .isEqualTo(200);
        return id;
    }
}
