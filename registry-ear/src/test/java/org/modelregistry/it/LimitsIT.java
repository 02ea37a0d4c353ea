package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Limits that protect everyone: a policy or suite author cannot hang a request or a worker with CEL, and an
 * organization cannot fill the disk past its storage quota. Each test is the attack as its author would try it.
 */
class LimitsIT extends RegistryDeployment {

    /** Two nested loops over literal lists of 330 numbers: 108,900 iterations, past the evaluation budget. */
    private static final String NUMBERS =
            IntStream.rangeClosed(1, 330).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));

    private static final String QUADRATIC = NUMBERS + ".all(x, " + NUMBERS + ".all(y, x + y > 0))";
    private static final String CUBIC = "[1,2,3].all(x, [1,2,3].all(y, [1,2,3].all(z, x + y + z > 0)))";

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void assertRefusedExpression(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().getString("type")).endsWith("/invalid-expression");
        assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("expression");
    }

    private static Reply policy(String group, String expression) {
        return post(
                "/policies",
                "{\"name\":\"" + unique("limit") + "\",\"groups\":[\"" + group + "\"],"
                        + "\"transitions\":[\"IN_REVIEW\"],\"expression\":\"" + json(expression) + "\"}");
    }

    @Test
    void policiesThatCouldHangAnEvaluationAreRefusedWhenSaved() {
        String group = unique("limits");
        assertRefusedExpression(policy(group, CUBIC));
        assertRefusedExpression(policy(group, "true" + " && true".repeat(1100)));
        assertRefusedExpression(policy(group, "(".repeat(200) + "true" + ")".repeat(200)));
        assertThat(policy(group, QUADRATIC).status())
                .as("two levels stay allowed")
                .isEqualTo(201);
    }

    @Test
    void aPolicyOverTheRuntimeBudgetFailsClosedWithinBoundedTime() {
        String group = unique("limits");
        String name = policy(group, QUADRATIC).json().getString("name");
        String model = Api.createModel(group, "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String path = "/models/" + model + "/versions/1.0.0";

        long start = System.nanoTime();
        Reply check = post(path + "/policy-check", "{\"to\":\"IN_REVIEW\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().getBoolean("allowed")).isFalse();
        JsonObject outcome = check.json().getJsonArray("results").stream()
                .map(JsonValue::asJsonObject)
                .filter(r -> r.getString("policy").equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(outcome.getString("result")).isEqualTo("ERROR");
        assertThat(outcome.getString("message")).contains("budget");

        Reply moved = post(path + "/transitions", "{\"to\":\"IN_REVIEW\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(422);
        assertThat(moved.json().getString("type")).endsWith("/policy-violation");
        assertThat(get(path).json().getString("state")).isEqualTo("DRAFT");
    }

    @Test
    void metricChecksAreHeldToTheSameLimits() {
        Reply cubic = post(
                "/evaluation-suites",
                "{\"name\":\"" + unique("cubic") + "\",\"checks\":[{\"name\":\"q\","
                        + "\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"" + CUBIC + "\"}]}");
        assertRefusedExpression(cubic);

        String suite = unique("quadratic");
        Reply created = post(
                "/evaluation-suites",
                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"q\","
                        + "\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"" + NUMBERS + ".all(x, " + NUMBERS
                        + ".all(y, metrics.accuracy >= 0.0))\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String model = Api.createModel(unique("limits"), "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        Reply queued = post(
                "/models/" + model + "/versions/1.0.0/evaluations",
                "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.9}}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        JsonObject[] run = {null};
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    run[0] = get(queued.header("Location")).json();
                    return !run[0].getString("state").equals("QUEUED")
                            && !run[0].getString("state").equals("RUNNING");
                });
        assertThat(run[0].getString("state")).as(run[0].toString()).isEqualTo("ERROR");
        JsonObject check = run[0].getJsonArray("checks").getJsonObject(0);
        assertThat(check.getString("status")).isEqualTo("ERROR");
        assertThat(check.getString("message")).contains("budget");
    }

    /** A fresh organization with a model version; returns the version's path. */
    private static String versionIn(String org) {
        assertThat(post("/organizations", "{\"slug\":\"" + org + "\"}").status())
                .isEqualTo(201);
        Reply m = post(
                "/models",
                "{\"organization\":\"" + org + "\",\"group\":\"g\",\"name\":\"" + unique("m")
                        + "\",\"riskTier\":\"LOW\"}");
        assertThat(m.status()).as(m.body()).isEqualTo(201);
        String id = m.json().getString("id");
        Api.createVersion(id, "1.0.0");
        return "/models/" + id + "/versions/1.0.0";
    }

    private static String artifact(String path, String extra) {
        Reply a = post(path + "/artifacts", "{\"type\":\"OTHER\",\"name\":\"" + unique("blob") + "\"" + extra + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return path + "/artifacts/" + a.json().getString("id");
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void anUploadPastTheOrganizationsQuotaIs507AndLeavesNothingBehind() {
        String org = unique("quota");
        String path = versionIn(org);
        Reply set = Api.send(
                "PUT",
                Api.API + "/organizations/" + org + "/storage",
                BodyPublishers.ofString("{\"quotaBytes\":1000}"),
                "Content-Type",
                "application/json");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().getJsonNumber("quotaBytes").longValue()).isEqualTo(1000);
        assertThat(set.json().getString("quotaSource")).isEqualTo("organization");

        String first = artifact(path, "");
        assertThat(Api.put(first + "/content", BodyPublishers.ofByteArray(bytes(600, 1)))
                        .status())
                .isEqualTo(200);

        // declared by Content-Length: refused before a byte is read
        String second = artifact(path, "");
        Reply declared = Api.put(second + "/content", BodyPublishers.ofByteArray(bytes(600, 2)));
        assertThat(declared.status()).as(declared.body()).isEqualTo(507);
        assertThat(declared.header("Content-Type")).startsWith("application/problem+json");
        assertThat(declared.json().getString("type")).endsWith("/storage-quota-exceeded");
        assertThat(declared.json().getString("organization")).isEqualTo(org);
        assertThat(declared.json().getJsonNumber("usedBytes").longValue()).isEqualTo(600);
        assertThat(declared.json().getJsonNumber("quotaBytes").longValue()).isEqualTo(1000);

        // streamed without a length: stopped when the stream passes the free space
        Reply streamed = Api.put(
                second + "/content", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes(600, 3))));
        assertThat(streamed.status()).as(streamed.body()).isEqualTo(507);
        assertThat(get(second).json().getBoolean("stored", false)).isFalse();
        assertThat(get(second + "/content").status()).isEqualTo(404);
        assertThat(Api.count(
                        "SELECT count(*) FROM artifact WHERE id = CAST(? AS uuid) AND stored",
                        second.substring(second.lastIndexOf('/') + 1)))
                .isZero();

        Reply usage = get("/organizations/" + org + "/storage");
        assertThat(usage.status()).as(usage.body()).isEqualTo(200);
        assertThat(usage.json().getJsonNumber("usedBytes").longValue()).isEqualTo(600);

        // what fits still fits; raising the quota lets the refused upload in
        assertThat(Api.put(second + "/content", BodyPublishers.ofByteArray(bytes(400, 4)))
                        .status())
                .isEqualTo(200);
        String third = artifact(path, "");
        assertThat(Api.put(third + "/content", BodyPublishers.ofByteArray(bytes(10, 5)))
                        .status())
                .isEqualTo(507);
        assertThat(Api.send(
                                "PUT",
                                Api.API + "/organizations/" + org + "/storage",
                                BodyPublishers.ofString("{\"quotaBytes\":0}"),
                                "Content-Type",
                                "application/json")
                        .status())
                .isEqualTo(200);
        assertThat(Api.put(third + "/content", BodyPublishers.ofByteArray(bytes(10, 5)))
                        .status())
                .isEqualTo(200);
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE action = 'organization.storage-quota-set'"
                                + " AND details->>'slug' = ?",
                        org))
                .isEqualTo(2);
    }

    @Test
    void aDeclaredSizeOverTheUploadCapIs413() {
        String path = versionIn(unique("cap"));
        long cap = Long.parseLong(System.getProperty("registry.it.max.upload"));
        String big = artifact(path, ",\"size\":" + (cap + 1));
        Reply r = Api.put(big + "/content", BodyPublishers.ofByteArray(bytes(10, 6)));
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(get(big).json().getBoolean("stored", false)).isFalse();
    }

    @Test
    void onlyRegistryAdministratorsSetQuotas() {
        String org = unique("q");
        versionIn(org);
        String contributor = Api.member("CONTRIBUTOR", "ADMIN");
        Reply forbidden = Api.send(
                "PUT",
                Api.API + "/organizations/" + org + "/storage",
                BodyPublishers.ofString("{\"quotaBytes\":0}"),
                "Content-Type",
                "application/json",
                "Authorization",
                contributor);
        assertThat(forbidden.status()).as(forbidden.body()).isIn(403, 404);
        Reply negative = Api.send(
                "PUT",
                Api.API + "/organizations/" + org + "/storage",
                BodyPublishers.ofString("{\"quotaBytes\":-1}"),
                "Content-Type",
                "application/json");
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("quotaBytes");
        Reply missing = Api.send(
                "PUT",
                Api.API + "/organizations/" + org + "/storage",
                BodyPublishers.ofString("{}"),
                "Content-Type",
                "application/json");
        assertThat(missing.status()).isEqualTo(422);
        Reply unknown = Api.send(
                "PUT",
                Api.API + "/organizations/" + unique("nowhere") + "/storage",
                BodyPublishers.ofString("{\"quotaBytes\":1}"),
                "Content-Type",
                "application/json");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(get("/organizations/" + unique("nowhere") + "/storage").status())
                .isEqualTo(404);
    }
}
