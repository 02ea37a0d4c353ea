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
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser, over an organization of its own so that every figure is known: counts by risk
 * tier and state equal to what the search API tells the same person, the versions waiting for a reviewer (never for
 * their submitter, nor for a reviewer who already decided in the round), a failed evaluation, a failed deployment
 * and a policy block under recent failures, nothing of it for a member of another organization, and charts that
 * draw under the Content-Security-Policy and pass axe in both themes.
 */
class DashboardUiIT extends RegistryDeployment {

    private static final String PASSWORD = Api.MEMBER_PASSWORD;

    private static Browser browser;
    private static WireMockServer target;
    private static String org;
    private static String reviewer;
    private static String secondReviewer;
    private static String submitter;
    private static String outsider;
    private static String submitterToken;
    private static String suite;

    private static JsonObject waiting;
    private static JsonObject decidedOnce;
    private static JsonObject evaluated;
    private static JsonObject blocked;
    private static JsonObject deployed;

    @BeforeAll
    static void prepare() {
        org = unique("dash");
        assertThat(post("/organizations", "{\"slug\":\"" + org + "\",\"displayName\":\"Dashboard\"}")
                        .status())
                .isEqualTo(201);
        String otherOrg = unique("dash-other");
        assertThat(post("/organizations", "{\"slug\":\"" + otherOrg + "\"}").status())
                .isEqualTo(201);
        reviewer = Api.newMemberOf(org, "REVIEWER");
        secondReviewer = Api.newMemberOf(org, "REVIEWER");
        submitter = Api.newMemberOf(org, "CONTRIBUTOR", "REVIEWER");
        outsider = Api.newMemberOf(otherOrg, "CONTRIBUTOR", "REVIEWER");
        submitterToken = "Bearer " + token(submitter);

        // a LOW version in review, submitted by its owner
        waiting = model("LOW");
        assertThat(move(waiting, "IN_REVIEW").status()).isEqualTo(200);

        // a HIGH version in review that the reviewer has approved once (it needs two)
        decidedOnce = model("HIGH");
        Reply card = post(
                path(decidedOnce) + "/artifacts",
                "{\"type\":\"MODEL_CARD\",\"name\":\"card.md\",\"uri\":\"https://cards.example/card.md\","
                        + "\"license\":\"CC-BY-4.0\"}",
                "Authorization",
                submitterToken);
        assertThat(card.status()).as(card.body()).isEqualTo(201);
        assertThat(move(decidedOnce, "IN_REVIEW").status()).isEqualTo(200);
        assertThat(decide(decidedOnce, reviewer).status()).isEqualTo(201);
        assertThat(get(path(decidedOnce)).json().getString("state")).isEqualTo("IN_REVIEW");

        // a HIGH version whose evaluation failed
        evaluated = model("HIGH");
        suite = unique("dash-gate");
        assertThat(post(
                                "/evaluation-suites",
                                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"quality\","
                                        + "\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"}]}")
                        .status())
                .isEqualTo(201);
        String run = post(
                        path(evaluated) + "/evaluations",
                        "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.5}}")
                .header("Location");
        until(run, j -> j.getString("state").equals("FAILED"));

        // a MEDIUM version that a blocking policy kept out of review (weights without a digest)
        blocked = model("MEDIUM");
        assertThat(post(
                                path(blocked) + "/artifacts",
                                "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"weights.bin\","
                                        + "\"uri\":\"s3://models/weights.bin\",\"license\":\"MIT\"}",
                                "Authorization",
                                submitterToken)
                        .status())
                .isEqualTo(201);
        Reply refused = move(blocked, "IN_REVIEW");
        assertThat(refused.status()).as(refused.body()).isBetween(400, 499);
        assertThat(refused.body()).contains("weights-have-digest");

        // a LOW version approved, then refused by its deployment target
        deployed = model("LOW");
        assertThat(move(deployed, "IN_REVIEW").status()).isEqualTo(200);
        assertThat(decide(deployed, reviewer).status()).isEqualTo(201);
        target = new WireMockServer(
                options().bindAddress("127.0.0.1").port(Integer.getInteger("registry.it.target.port")));
        target.start();
        target.stubFor(WireMock.post(urlEqualTo("/dash-refuses"))
                .willReturn(aResponse().withStatus(401)));
        String targetName = unique("t");
        Reply created = post(
                "/deployment-targets",
                "{\"organization\":\"" + org + "\",\"name\":\"" + targetName + "\",\"environment\":\"development\","
                        + "\"url\":\"http://127.0.0.1:" + target.port() + "/dash-refuses\","
                        + "\"secret\":\"dashboard-signing-secret-0123456789\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String deployment = post(path(deployed) + "/deployments", "{\"target\":\"" + targetName + "\"}")
                .header("Location");
        until(deployment, j -> j.getString("state").equals("FAILED"));

        // the search index follows the audit log: wait until it counts what was just written
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> facet(reviewer, "model", "riskTier").equals(Map.of("LOW", 2L, "MEDIUM", 1L, "HIGH", 2L))
                        && facet(reviewer, "version", "state")
                                .equals(Map.of("IN_REVIEW", 2L, "DRAFT", 2L, "APPROVED", 1L)));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (target != null) {
            target.stop();
        }
    }

    @Test
    void aReviewerSeesWhatWaitsForThemButNeitherTheSubmitterNorWhatTheyDecided() {
        dashboardOf(reviewer);
        WebElement queue = browser.driver.findElement(By.id("waitingTable"));
        assertThat(queue.getText()).contains(name(waiting)).doesNotContain(name(decidedOnce));
        WebElement link = queue.findElement(By.linkText("1.0.0"));
        assertThat(link.getAttribute("href"))
                .endsWith("/console/version.xhtml?model=" + waiting.getString("id") + "&version=1.0.0");
        assertThat(browser.text(By.id("waitingCount"))).isEqualTo("1");
        browser.screenshot("dashboard");

        dashboardOf(secondReviewer);
        assertThat(browser.text(By.id("waitingTable")))
                .as("another reviewer has not decided yet")
                .contains(name(waiting))
                .contains(name(decidedOnce));

        dashboardOf(submitter);
        assertThat(browser.driver.findElements(By.id("waitingTable")))
                .as("four eyes: the submitter and owner reviews none of these")
                .isEmpty();
        assertThat(browser.text(By.id("nothingWaiting"))).contains("Nothing is waiting for your review");
    }

    @Test
    void theCountsAreThoseTheSearchApiGivesTheSamePerson() {
        dashboardOf(reviewer);
        Map<String, Long> tiers = facet(reviewer, "model", "riskTier");
        Map<String, Long> states = facet(reviewer, "version", "state");
        for (String tier : List.of("LOW", "MEDIUM", "HIGH", "CRITICAL")) {
            assertThat(cell("data-tier", tier)).as(tier).isEqualTo(tiers.getOrDefault(tier, 0L));
        }
        for (String state : List.of(
                "DRAFT",
                "IN_REVIEW",
                "CHANGES_REQUESTED",
                "APPROVED",
                "REJECTED",
                "DEPLOYED",
                "DEPRECATED",
                "RETIRED")) {
            assertThat(cell("data-state", state)).as(state).isEqualTo(states.getOrDefault(state, 0L));
        }
        assertThat(browser.text(By.id("modelCount"))).isEqualTo("5");
        assertThat(browser.text(By.id("versionCount"))).isEqualTo("5");
        assertThat(browser.text(By.id("inReviewCount"))).isEqualTo("2");
    }

    @Test
    void aFailedEvaluationAFailedDeploymentAndAPolicyBlockAreListedUnderRecentFailures() {
        dashboardOf(submitter);
        assertThat(browser.text(By.id("evaluationFailures")))
                .contains(name(evaluated))
                .contains(suite);
        assertThat(browser.text(By.id("deploymentFailures")))
                .contains(name(deployed))
                .contains("HTTP 401");
        assertThat(browser.text(By.id("policyBlocks")))
                .contains(name(blocked))
                .contains("weights-have-digest")
                .contains("MODEL_WEIGHTS artifacts need a sha256");
        assertThat(browser.text(By.id("failureTotal"))).startsWith("3 in the last 14 days");
        browser.screenshot("dashboard-failures");
    }

    @Test
    void aMemberOfAnotherOrganizationSeesNoneOfIt() {
        dashboardOf(outsider);
        String page = browser.driver.getPageSource();
        for (JsonObject model : List.of(waiting, decidedOnce, evaluated, blocked, deployed)) {
            assertThat(page).doesNotContain(name(model));
        }
        assertThat(page).doesNotContain(suite);
        assertThat(browser.text(By.id("modelCount"))).isEqualTo("0");
        assertThat(browser.text(By.id("versionCount"))).isEqualTo("0");
        assertThat(browser.text(By.id("nothingWaiting"))).contains("Nothing is waiting");
        assertThat(browser.text(By.id("failureTotal"))).startsWith("0 in the last 14 days");
        assertThat(browser.text(By.id("policyBlocks"))).contains("No policy blocked a move lately");
    }

    @Test
    void theChartsDrawUnderTheContentSecurityPolicyAndThePagePassesAxeInBothThemes() {
        dashboardOf(reviewer);
        assertCharts();
        assertThat(browser.driver.findElement(By.id("tierChart_canvas")).getAttribute("aria-label"))
                .isEqualTo("Models by risk tier: LOW 2, MEDIUM 1, HIGH 2, CRITICAL 0.");
        browser.assertAccessible("dashboard");

        browser.open("/theme?to=dark&back=/index.xhtml");
        browser.wait.until(
                d -> d.findElement(By.tagName("body")).getAttribute("class").contains("theme-dark"));
        assertCharts();
        browser.assertAccessible("dashboard (dark)");
        browser.screenshot("dashboard-dark");
        browser.open("/theme?to=light&back=/index.xhtml");
    }

    @Test
    void signingOutFromTheDashboardWorks() {
        dashboardOf(reviewer);
        browser.driver.findElement(By.id("signOutForm:signOut")).click();
        assertThat(browser.text(By.id("reason"))).contains("You are signed out");
        browser.open("/index.xhtml");
        assertThat(browser.driver.getCurrentUrl()).contains("/login.xhtml");
    }

    private static void assertCharts() {
        for (String chart : List.of("tierChart", "stateChart", "failureChart")) {
            browser.wait.until(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                    "var c = document.getElementById(arguments[0]);"
                            + " return !!c && !!window.Chart && !!Chart.getChart(c);",
                    chart + "_canvas")));
        }
        assertThat(browser.driver.findElements(By.cssSelector("canvas"))).hasSize(3);
        assertThat(browser.severeLogs())
                .as("script errors (a CSP refusal shows here)")
                .isEmpty();
    }

    private static void dashboardOf(String user) {
        browser.signIn(user, PASSWORD);
        browser.open("/index.xhtml");
        assertThat(browser.title()).isEqualTo("Dashboard");
    }

    private static long cell(String attribute, String value) {
        return Long.parseLong(browser.driver
                .findElement(By.cssSelector("td[" + attribute + "='" + value + "']"))
                .getText()
                .trim());
    }

    /** The search API's facet for this person: what the dashboard must show them. */
    private static Map<String, Long> facet(String user, String type, String facet) {
        Reply r = get("/search?type=" + type + "&limit=1", "Authorization", "Bearer " + token(user));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject counts = r.json().getJsonObject("facets").getJsonObject(facet);
        return counts == null
                ? Map.of()
                : counts.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> ((JsonNumber) e.getValue()).longValue()));
    }

    private static String token(String user) {
        Reply r = post(
                "/auth/token", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}", Api.NO_AUTH, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getString("access_token");
    }

    /** A model of the organization with version 1.0.0, registered by the submitter (its owner). */
    private static JsonObject model(String tier) {
        Reply m = post(
                "/models",
                "{\"organization\":\"" + org + "\",\"group\":\"dashboard\",\"name\":\"" + unique("m")
                        + "\",\"riskTier\":\"" + tier + "\"}",
                "Authorization",
                submitterToken);
        assertThat(m.status()).as(m.body()).isEqualTo(201);
        Reply v = post(
                "/models/" + m.json().getString("id") + "/versions",
                "{\"version\":\"1.0.0\"}",
                "Authorization",
                submitterToken);
        assertThat(v.status()).as(v.body()).isEqualTo(201);
        return m.json();
    }

    private static String path(JsonObject model) {
        return "/models/" + model.getString("id") + "/versions/1.0.0";
    }

    private static String name(JsonObject model) {
        return model.getString("name");
    }

    private static Reply move(JsonObject model, String to) {
        return post(path(model) + "/transitions", "{\"to\":\"" + to + "\"}", "Authorization", submitterToken);
    }

    private static Reply decide(JsonObject model, String who) {
        return post(path(model) + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", "Bearer " + token(who));
    }

    private static JsonObject until(String location, Predicate<JsonObject> done) {
        JsonObject[] last = {null};
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = get(location).json();
                    return done.test(last[0]);
                });
        return last[0];
    }
}
