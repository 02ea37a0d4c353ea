package org.modelregistry.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Recommendations for a version under review, through the real server: reviewers, suites and policies of the most
 * similar models, and deployed look-alikes, each with its reason; never anyone who may not review the version, and
 * nothing drawn from another organization's models.
 */
class RecommendationIT extends RegistryDeployment {

    private static final String TEXT =
            "gradient boosted classifier that flags fraudulent card payments and chargebacks";

    private static String group;
    private static String home;
    private static String alice; // owner of the target, also a reviewer
    private static String aliceName;
    private static String r1Name;
    private static String r2Name;
    private static String dualName; // REVIEWER here and in another organization; reviewed only a model there
    private static String target;
    private static String m1;
    private static String m2;
    private static String m3;
    private static String foreign;
    private static String suite;
    private static String policy;
    private static WireMockServer webhook;

    @BeforeAll
    static void registry() {
        group = unique("fraud");
        // an organization of this run's own: models of earlier runs or other tests are no similar models here
        home = unique("rec");
        assertThat(post("/organizations", "{\"slug\":\"" + home + "\",\"displayName\":\"Recommendations\"}")
                        .status())
                .isEqualTo(201);
        aliceName = Api.newMemberOf(home, "CONTRIBUTOR", "REVIEWER");
        alice = Api.bearerOf(aliceName);
        r1Name = Api.newMemberOf(home, "REVIEWER");
        r2Name = Api.newMemberOf(home, "REVIEWER");
        String org = unique("elsewhere");
        assertThat(post("/organizations", "{\"slug\":\"" + org + "\",\"displayName\":\"Elsewhere\"}")
                        .status())
                .isEqualTo(201);
        dualName = unique("dual");
        Reply dual = post(
                "/users",
                "{\"username\":\"" + dualName + "\",\"password\":\"" + Api.MEMBER_PASSWORD + "\",\"memberships\":["
                        + "{\"organization\":\"" + org + "\",\"role\":\"REVIEWER\"},"
                        + "{\"organization\":\"" + home + "\",\"role\":\"REVIEWER\"}]}");
        assertThat(dual.status()).as(dual.body()).isEqualTo(201);

        // a policy of this group only: PASS on an accurate version, FAIL on the other
        Reply p = post(
                "/policies",
                "{\"name\":\"" + unique("accuracy") + "\",\"groups\":[\"" + group + "\"],\"transitions\":"
                        + "[\"APPROVED\"],\"expression\":\"version.metadata.accuracy >= 0.9\","
                        + "\"message\":\"accuracy must be at least 0.9\"}");
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        policy = p.json().getString("id");
        suite = unique("fraud-suite");
        assertThat(post(
                                "/evaluation-suites",
                                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"integrity\",\"kind\":"
                                        + "\"INTEGRITY\"}]}")
                        .status())
                .isEqualTo(201);

        target = model(home, group, "Flags fraudulent card payments before they settle", alice);
        version(target, "1.0.0", 0.97, alice);
        assertThat(post(
                                "/models/" + target + "/versions/1.0.0/transitions",
                                "{\"to\":\"IN_REVIEW\"}",
                                "Authorization",
                                alice)
                        .status())
                .isEqualTo(200);

        m1 = model(home, group, TEXT, null);
        version(m1, "1.0.0", 0.95, null);
        approve(m1, r1Name);
        assertThat(post("/models/" + m1 + "/versions/1.0.0/evaluations", "{\"suite\":\"" + suite + "\"}")
                        .status())
                .isEqualTo(202);

        m2 = model(home, group, TEXT + " for card issuers", null);
        version(m2, "1.0.0", 0.5, null);
        approve(m2, r2Name); // held by the policy: its evaluation FAILs
        approve(m2, aliceName); // a second decision, by someone who may not review the target

        m3 = model(home, group, TEXT + " in production", null);
        version(m3, "1.0.0", 0.99, null);
        approve(m3, r1Name);
        deploy(m3);

        // the same words in another organization, reviewed there by dual
        Reply f = post(
                "/models",
                "{\"organization\":\"" + org + "\",\"group\":\"" + group + "\",\"name\":\"" + unique("twin")
                        + "\",\"riskTier\":\"LOW\",\"description\":\"" + TEXT + "\"}");
        assertThat(f.status()).as(f.body()).isEqualTo(201);
        foreign = f.json().getString("id");
        version(foreign, "1.0.0", 0.99, null);
        approve(foreign, dualName);

        // every model searchable before the tests ask for similar ones
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ids(
                                get("/models/" + target + "/similar?limit=50")
                                        .jsonAny()
                                        .asJsonArray(),
                                "modelId"))
                        .contains(m1, m2, m3));
    }

    @AfterAll
    static void stop() {
        if (webhook != null) {
            webhook.stop();
        }
    }

    private static String model(String org, String group, String description, String who) {
        Reply r = post(
                "/models",
                "{\"organization\":\"" + org + "\",\"group\":\"" + group + "\",\"name\":\"" + unique("m")
                        + "\",\"riskTier\":\"LOW\",\"description\":\"" + description + "\"}",
                who == null ? new String[0] : new String[] {"Authorization", who});
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("id");
    }

    private static void version(String model, String version, double accuracy, String who) {
        Reply r = post(
                "/models/" + model + "/versions",
                "{\"version\":\"" + version + "\",\"metadata\":{\"accuracy\":" + accuracy + "}}",
                who == null ? new String[0] : new String[] {"Authorization", who});
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static void approve(String model, String reviewer) {
        String path = "/models/" + model + "/versions/1.0.0";
        if ("DRAFT".equals(get(path).json().getString("state"))) {
            assertThat(post(path + "/transitions", "{\"to\":\"IN_REVIEW\"}").status())
                    .isEqualTo(200);
        }
        Reply r = post(path + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", Api.bearerOf(reviewer));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** To production through a webhook target played by WireMock, reported SUCCEEDED: the version is DEPLOYED. */
    private static void deploy(String model) {
        webhook = new WireMockServer(
                options().bindAddress("127.0.0.1").port(Integer.getInteger("registry.it.target.port")));
        webhook.start();
        webhook.stubFor(
                WireMock.post(urlEqualTo("/deploy")).willReturn(aResponse().withStatus(202)));
        String name = unique("prod");
        assertThat(post(
                                "/deployment-targets",
                                "{\"organization\":\"" + home + "\",\"name\":\"" + name + "\",\"environment\":"
                                        + "\"production\",\"url\":\"http://127.0.0.1:" + webhook.port()
                                        + "/deploy\",\"secret\":\"it-signing-secret-0123456789\"}")
                        .status())
                .isEqualTo(201);
        Reply account = post(
                "/service-accounts",
                "{\"name\":\"" + unique("cd") + "\",\"organization\":\"" + home + "\",\"role\":\"DEPLOYER\","
                        + "\"expiresInDays\":1}");
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        String deployer = "Bearer "
                + post("/auth/token", "{\"apiKey\":\"" + account.json().getString("apiKey") + "\"}", Api.NO_AUTH, "")
                        .json()
                        .getString("access_token");
        Reply queued = post(
                "/models/" + model + "/versions/1.0.0/deployments",
                "{\"target\":\"" + name + "\"}",
                "Authorization",
                deployer);
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String id = queued.json().getString("id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonObject d = get("/deployments/" + id).json();
            return d.containsKey("dispatchedAt") && !d.isNull("dispatchedAt");
        });
        Reply done = post("/deployments/" + id + "/status", "{\"state\":\"SUCCEEDED\"}", "Authorization", deployer);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(get("/models/" + model + "/versions/1.0.0").json().getString("state"))
                .isEqualTo("DEPLOYED");
    }

    private static List<String> ids(JsonArray items, String field) {
        return items.stream().map(v -> v.asJsonObject().getString(field)).toList();
    }

    private static JsonObject recommendations(String who) {
        Reply r = get("/models/" + target + "/versions/1.0.0/recommendations?limit=20", "Authorization", who);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void suggestsTheReviewersOfTheMostSimilarModelsWithTheirReasons() {
        JsonObject rec = recommendations(alice);
        assertThat(ids(rec.getJsonArray("similarModels"), "modelId")).contains(m1, m2, m3);
        JsonArray reviewers = rec.getJsonArray("reviewers");
        assertThat(ids(reviewers, "username")).contains(r1Name, r2Name);
        JsonObject r1 = reviewers.stream()
                .map(JsonValue::asJsonObject)
                .filter(o -> o.getString("username").equals(r1Name))
                .findFirst()
                .orElseThrow();
        assertThat(r1.getJsonArray("reviewedModels")).hasSize(2);
        assertThat(r1.getString("reason")).startsWith("reviewed 2 of the ").contains(group + "/");
        assertThat(ids(reviewers, "username").indexOf(r1Name))
                .as("two similar models reviewed weigh more than one")
                .isLessThan(ids(reviewers, "username").indexOf(r2Name));
    }

    @Test
    void neverSuggestsSomeoneWhoMayNotReviewTheVersion() {
        List<String> suggested = ids(recommendations(alice).getJsonArray("reviewers"), "username");
        assertThat(suggested)
                .as("the owner and submitter of the version reviewed a similar model, yet four eyes refuse her")
                .doesNotContain(aliceName);
        assertThat(suggested)
                .as("dual reviewed only another organization's model, which the caller cannot see")
                .doesNotContain(dualName);
    }

    @Test
    void nothingIsDrawnFromAnotherOrganizationsModels() {
        JsonObject rec = recommendations(alice);
        assertThat(rec.toString()).doesNotContain(foreign);
        assertThat(ids(rec.getJsonArray("similarModels"), "modelId")).doesNotContain(foreign, target);
        assertThat(ids(rec.getJsonArray("deployed"), "modelId")).doesNotContain(foreign);
    }

    @Test
    void suitesPoliciesAndDeployedLookAlikesComeWithTheirReasons() {
        JsonObject rec = recommendations(alice);
        JsonObject s = rec.getJsonArray("suites").stream()
                .map(JsonValue::asJsonObject)
                .filter(o -> o.getString("name").equals(suite))
                .findFirst()
                .orElseThrow();
        assertThat(s.getInt("similarModels")).isEqualTo(1);
        assertThat(s.getBoolean("runOnThisVersion")).isFalse();
        assertThat(s.getString("reason")).startsWith("run on 1 of the ");

        JsonObject p = rec.getJsonArray("policies").stream()
                .map(JsonValue::asJsonObject)
                .filter(o -> o.getString("id").equals(policy))
                .findFirst()
                .orElseThrow();
        assertThat(p.getInt("failed")).as("the policy held m2").isEqualTo(1);
        assertThat(p.getString("reason")).contains("it failed on " + group + "/");

        JsonArray deployed = rec.getJsonArray("deployed");
        assertThat(ids(deployed, "modelId")).containsExactly(m3);
        assertThat(deployed.getJsonObject(0).getJsonArray("versions").getString(0))
                .isEqualTo("1.0.0");
        assertThat(deployed.getJsonObject(0).getString("reason")).endsWith("is there already a model for this?");
    }

    @Test
    void anUnseenOrUnknownVersionIs404AndABadLimitIsAClientError() {
        String org = unique("other");
        assertThat(post("/organizations", "{\"slug\":\"" + org + "\",\"displayName\":\"Other\"}")
                        .status())
                .isEqualTo(201);
        String outsider = Api.bearerOf(Api.newMemberOf(org, "VIEWER"));
        Reply hidden = get("/models/" + target + "/versions/1.0.0/recommendations", "Authorization", outsider);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.header("Content-Type")).startsWith("application/problem+json");
        assertThat(get("/models/" + target + "/versions/9.9.9/recommendations").status())
                .isEqualTo(404);
        assertThat(get("/models/not-a-uuid/versions/1.0.0/recommendations").status())
                .isEqualTo(404);
        Reply bad = get("/models/" + target + "/versions/1.0.0/recommendations?limit=lots");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().toString()).contains("limit");
    }
}
