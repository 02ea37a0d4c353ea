package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Evaluations through the real broker: the API queues a run (202), the relay publishes it to Artemis after commit,
 * the message-driven bean does the checks, and the run ends PASSED or FAILED with each check's result.
 */
class EvaluationIT extends RegistryDeployment {

    private static String suite;

    @BeforeAll
    static void suite() {
        suite = unique("gate");
        Reply r = post(
                "/evaluation-suites",
                "{\"name\":\"" + suite + "\",\"checks\":["
                        + "{\"name\":\"integrity\",\"kind\":\"INTEGRITY\"},"
                        + "{\"name\":\"quality\",\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"},"
                        + "{\"name\":\"card\",\"kind\":\"MODEL_CARD\",\"sections\":[\"intended use\",\"limitations\"]},"
                        + "{\"name\":\"licences\",\"kind\":\"LICENSE\",\"allow\":[\"CC-BY-4.0\",\"MIT\"]}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static String group;

    private static String versionWithCard() throws Exception {
        group = unique("evaluated");
        String model = Api.createModel(group, "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String path = "/models/" + model + "/versions/1.0.0";
        byte[] card =
                "# Card\n## Intended use\nScoring.\n## Limitations\nNone known.\n".getBytes(StandardCharsets.UTF_8);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(card));
        String id = post(
                        path + "/artifacts",
                        "{\"type\":\"MODEL_CARD\",\"name\":\"card.md\",\"sha256\":\"" + sha + "\",\"size\":"
                                + card.length + ",\"license\":\"CC-BY-4.0\"}")
                .json()
                .getString("id");
        assertThat(Api.put(path + "/artifacts/" + id + "/content", BodyPublishers.ofByteArray(card))
                        .status())
                .isEqualTo(200);
        return path;
    }

    private static JsonObject finished(String location) {
        JsonObject[] run = {null};
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    run[0] = get(location).json();
                    return !run[0].getString("state").equals("QUEUED")
                            && !run[0].getString("state").equals("RUNNING");
                });
        return run[0];
    }

    @Test
    void aRunGoesThroughTheBrokerAndEndsWithEachChecksResult() throws Exception {
        String path = versionWithCard();
        Reply queued = post(
                path + "/evaluations",
                "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.93}," + "\"dataset\":\"s3://eval/holdout\"}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(queued.json().getString("state")).isEqualTo("QUEUED");
        String location = queued.header("Location");
        assertThat(location).contains("/evaluations/");

        JsonObject passed = finished(location);
        assertThat(passed.getString("state")).as(passed.toString()).isEqualTo("PASSED");
        assertThat(passed.getInt("attempt")).isEqualTo(1);
        Map<String, String> checks = passed.getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
        assertThat(checks)
                .containsEntry("integrity", "PASSED")
                .containsEntry("quality", "PASSED")
                .containsEntry("card", "PASSED")
                .containsEntry("licences", "PASSED");

        JsonObject failed = finished(
                post(path + "/evaluations", "{\"suite\":\"" + suite + "\",\"metrics\":" + "{\"accuracy\":0.5}}")
                        .header("Location"));
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getJsonArray("checks").stream()
                        .map(JsonValue::asJsonObject)
                        .filter(c -> c.getString("name").equals("quality"))
                        .findFirst()
                        .orElseThrow()
                        .getString("status"))
                .isEqualTo("FAILED");
        assertThat(get(path + "/evaluations").jsonAny().asJsonArray()).hasSize(2);
        assertThat(get(path + "/evaluations/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(get(path + "/evaluations/not-an-id").status()).isEqualTo(404);

        // the policies see the runs
        Reply policy = post(
                "/policies",
                "{\"name\":\"" + unique("passed-eval") + "\",\"groups\":[\"" + group
                        + "\"],\"transitions\":[\"DEPLOYED\"],\"expression\":\"evaluations.exists(e, e.status == 'PASSED'"
                        + " && e.suite == '" + suite + "')\"}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        Reply check = post(path + "/policy-check", "{\"to\":\"DEPLOYED\",\"environment\":\"staging\"}");
        assertThat(check.json().getJsonArray("results").stream()
                        .map(JsonValue::asJsonObject)
                        .filter(r -> r.getString("policy").equals(policy.json().getString("name")))
                        .findFirst()
                        .orElseThrow()
                        .getString("result"))
                .isEqualTo("PASS");
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE action = 'evaluation.finished' AND"
                                + " details->>'run' = ?",
                        passed.getString("id")))
                .isEqualTo(1);
    }

    @Test
    void badSuitesAndRunsAreRefused() {
        Reply bad = post(
                "/evaluation-suites",
                "{\"name\":\"" + unique("bad") + "\",\"checks\":[{\"name\":\"q\","
                        + "\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >=\"}]}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().getString("type")).endsWith("/invalid-expression");
        assertThat(post(
                                "/evaluation-suites",
                                "{\"name\":\"" + unique("bad") + "\",\"checks\":[{\"name\":\"x\","
                                        + "\"kind\":\"VIBES\"}]}")
                        .status())
                .isEqualTo(422);
        assertThat(post(
                                "/evaluation-suites",
                                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"i\","
                                        + "\"kind\":\"INTEGRITY\"}]}")
                        .status())
                .isEqualTo(409);
        String model = Api.createModel("evaluation", "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String path = "/models/" + model + "/versions/1.0.0";
        assertThat(post(path + "/evaluations", "{\"suite\":\"no-such-suite\"}").status())
                .isEqualTo(422);
        assertThat(post(path + "/evaluations", "{\"metrics\":{}}").status())
                .as("no suite")
                .isEqualTo(422);
        assertThat(get("/evaluation-suites/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(post(path + "/evaluations", "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":\"high\"}}")
                        .status())
                .isEqualTo(422);
        assertThat(post(path + "/evaluations", "{\"suite\":\"" + suite + "\"}", "Authorization", Api.member("VIEWER"))
                        .status())
                .isEqualTo(403);

        // a suite scoped to HIGH risk models does not evaluate a LOW one
        String scoped = unique("high-only");
        assertThat(post(
                                "/evaluation-suites",
                                "{\"name\":\"" + scoped + "\",\"riskTiers\":[\"HIGH\"],\"checks\":[{"
                                        + "\"name\":\"i\",\"kind\":\"INTEGRITY\"}]}")
                        .status())
                .isEqualTo(201);
        Reply outOfScope = post(path + "/evaluations", "{\"suite\":\"" + scoped + "\"}");
        assertThat(outOfScope.status()).isEqualTo(422);
        assertThat(outOfScope.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("suite");
        assertThat(outOfScope.body()).contains("HIGH");
    }
}
