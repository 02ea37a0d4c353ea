package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The version page, its actions and live updates, and the aliases page, in two real browsers: an owner submits, a
 * reviewer approves, and the owner's page shows it without a reload; and the attacks on them: the submitter forcing an
 * approval, a cross-site post, a viewer forcing an action, another organization's version.
 */
class GovernanceUiIT extends RegistryDeployment {

    private static Browser a;
    private static Browser b;
    private static String owner; // CONTRIBUTOR and REVIEWER: four eyes must stop them on their own versions
    private static String ownerToken;
    private static String reviewer;
    private static String reviewerToken;
    private static String viewer;
    private static String group;
    private static String suite;

    @BeforeAll
    static void start() {
        owner = Api.newMember("CONTRIBUTOR", "REVIEWER");
        ownerToken = token(owner);
        reviewer = Api.newMember("REVIEWER");
        reviewerToken = token(reviewer);
        viewer = Api.newMember("VIEWER");
        group = unique("gov");
        suite = unique("gov-suite");
        Reply created = post(
                "/evaluation-suites",
                "{\"name\":\"" + suite + "\",\"groups\":[\"" + group + "\"],\"checks\":["
                        + "{\"name\":\"quality\",\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"},"
                        + "{\"name\":\"licences\",\"kind\":\"LICENSE\",\"allow\":[\"CC-BY-4.0\",\"MIT\"]}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        a = new Browser();
        b = new Browser();
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private static String token(String name) {
        return "Bearer "
                + post(
                                "/auth/token",
                                "{\"username\":\"" + name + "\",\"password\":\"" + Api.MEMBER_PASSWORD + "\"}",
                                Api.NO_AUTH,
                                "")
                        .json()
                        .getString("access_token");
    }

    /** A LOW model of the owner with version 1.0.0 (lineage, metadata, a licensed model card): its model id. */
    private static String draft(String modelGroup, String metadata) {
        Reply m = post(
                "/models",
                "{\"group\":\"" + modelGroup + "\",\"name\":\"" + unique("m") + "\",\"riskTier\":\"LOW\"}",
                "Authorization",
                ownerToken);
        assertThat(m.status()).as(m.body()).isEqualTo(201);
        String id = m.json().getString("id");
        Reply v = post(
                "/models/" + id + "/versions",
                "{\"version\":\"1.0.0\",\"commitSha\":\"3f786850e387550fdab836ed7e6dc881de23001b\","
                        + "\"sourceUri\":\"https://ci.example/runs/4711\",\"description\":\"first release\","
                        + "\"metadata\":" + metadata + "}",
                "Authorization",
                ownerToken);
        assertThat(v.status()).as(v.body()).isEqualTo(201);
        Reply card = post(
                "/models/" + id + "/versions/1.0.0/artifacts",
                "{\"type\":\"MODEL_CARD\",\"name\":\"card.md\",\"uri\":\"https://cards.example/card.md\","
                        + "\"license\":\"CC-BY-4.0\"}",
                "Authorization",
                ownerToken);
        assertThat(card.status()).as(card.body()).isEqualTo(201);
        return id;
    }

    private static String inReview(String modelGroup) {
        String id = draft(modelGroup, "{\"framework\":\"sklearn\"}");
        assertThat(move(id, "IN_REVIEW", ownerToken).status()).isEqualTo(200);
        return id;
    }

    private static Reply move(String model, String to, String who) {
        return post(
                "/models/" + model + "/versions/1.0.0/transitions",
                "{\"to\":\"" + to + "\",\"comment\":\"by the test\"}",
                "Authorization",
                who);
    }

    private static String state(String model) {
        return get("/models/" + model + "/versions/1.0.0").json().getString("state");
    }

    private static int approvals(String model) {
        return get("/models/" + model + "/versions/1.0.0/approvals")
                .jsonAny()
                .asJsonArray()
                .size();
    }

    private static String page(String model) {
        return "/version.xhtml?model=" + model + "&version=1.0.0";
    }

    /** The state badge's text; a live refresh may redraw it while it is read, so read it again then. */
    private static String stateBadge(Browser browser) {
        return browser.wait
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("state")).getText());
    }

    /** Waits for an action's button: a live refresh of the actions panel may be redrawing it. */
    private static void offered(Browser browser, String button) {
        browser.wait.until(d -> !d.findElements(By.id(button)).isEmpty());
    }

    /** Clicks an action's button, then the confirmation dialog's "Yes". */
    private static void confirm(Browser browser, String button) {
        browser.wait
                .until(ExpectedConditions.elementToBeClickable(By.id(button)))
                .click();
        browser.wait
                .until(ExpectedConditions.elementToBeClickable(By.id("v:confirmYes")))
                .click();
    }

    /** The fields of a post of the version page's form {@code v}: name, value, name, value... */
    private static Map<String, String> form(String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("v", "v");
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return form;
    }

    /** Posts a form of the version page as a script on another site could, with the given session cookie. */
    private static HttpResponse<String> postVersionForm(Cookie session, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return Api.CLIENT.send(
                HttpRequest.newBuilder(URI.create(Browser.CONSOLE + "/version.xhtml"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", "https://evil.example")
                        .header("Cookie", session.getName() + "=" + session.getValue())
                        .POST(BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The page's PrimeFaces nonce, which PrimeFaces requires with every post of the page's forms. */
    private static String nonce(Browser browser) {
        return String.valueOf(browser.driver.executeScript("return PrimeFaces.csp.NONCE_VALUE;"));
    }

    /** Waits for the text to appear in the element, saying what the page showed instead when it does not. */
    private static void awaitText(Browser browser, By where, String text) {
        try {
            browser.wait.until(d ->
                    d.findElements(where).stream().anyMatch(e -> e.getText().contains(text)));
        } catch (TimeoutException e) {
            browser.screenshot("failed-" + text.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError(
                    "'" + text + "' never appeared; the page shows: "
                            + browser.driver.findElement(By.tagName("main")).getText(),
                    e);
        }
    }

    private static String viewState(Browser browser) {
        return browser.driver
                .findElement(By.cssSelector("form#v input[name='jakarta.faces.ViewState']"))
                .getAttribute("value");
    }

    @Test
    void anOwnerSubmitsAReviewerApprovesAndTheOwnersPageShowsItLive() {
        String model = draft(group, "{\"framework\":\"sklearn\",\"training\":{\"rows\":120000,\"seed\":7}}");
        Reply run = post(
                "/models/" + model + "/versions/1.0.0/evaluations",
                "{\"suite\":\"" + suite
                        + "\",\"metrics\":{\"accuracy\":0.93,\"f1\":0.88},\"dataset\":\"s3://eval/holdout\"}");
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        a.wait.until(d -> !get(run.header("Location")).json().getString("state").matches("QUEUED|RUNNING"));

        a.signIn(owner, Api.MEMBER_PASSWORD);
        a.severeLogs(); // forget what earlier pages logged (an error page's 404 is logged as severe)
        a.open(page(model));
        assertThat(stateBadge(a)).isEqualTo("DRAFT");
        assertThat(a.text(By.id("lineage"))).contains("3f786850e387550fdab836ed7e6dc881de23001b", "runs/4711");
        assertThat(a.text(By.id("metadata"))).contains("\"rows\"", "120000", "\"seed\"");
        assertThat(a.text(By.id("v:evaluations"))).contains(suite, "PASSED", "quality");
        assertThat(a.driver.findElements(By.cssSelector("#v\\:metrics canvas"))).hasSize(1);
        assertThat(a.driver.findElements(By.id("v:approve")))
                .as("an owner is never offered a decision")
                .isEmpty();
        a.assertAccessible("version page");
        a.screenshot("version");

        a.type(By.id("v:comment"), "ready for review");
        confirm(a, "v:submit");
        a.wait.until(d -> "IN_REVIEW".equals(stateBadge(a)));
        assertThat(a.driver.findElements(By.id("v:approve")))
                .as("the submitter is not offered approve")
                .isEmpty();
        // a mark that a reload would wipe: the page must change under it
        a.driver.executeScript("window.notReloaded = true;");

        b.signIn(reviewer, Api.MEMBER_PASSWORD);
        b.open(page(model));
        assertThat(stateBadge(b)).isEqualTo("IN_REVIEW");
        b.type(By.id("v:comment"), "metrics and card reviewed");
        confirm(b, "v:approve");
        b.wait.until(d -> "APPROVED".equals(stateBadge(b)));
        assertThat(b.text(By.id("v:approvals"))).contains(reviewer, "APPROVE", "metrics and card reviewed");

        a.wait.until(d -> "APPROVED".equals(stateBadge(a)));
        assertThat(a.driver.executeScript("return window.notReloaded === true;"))
                .as("no reload")
                .isEqualTo(true);
        assertThat(a.text(By.id("v:approvals"))).contains(reviewer, "metrics and card reviewed");
        awaitText(a, By.id("v:actionButtons"), "Deprecate");
        assertThat(a.driver.findElements(By.id("v:withdraw"))).isEmpty();
        a.screenshot("version-live-update");
        assertThat(a.severeLogs())
                .as("script errors (a CSP refusal shows here)")
                .isEmpty();

        assertThat(state(model)).isEqualTo("APPROVED");
        assertThat(approvals(model)).isEqualTo(1);
    }

    @Test
    void theSubmitterIsNotOfferedADecisionAndForcingItChangesNothing() throws Exception {
        String own = inReview(group);
        a.signIn(owner, Api.MEMBER_PASSWORD);
        a.open(page(own));
        assertThat(stateBadge(a)).isEqualTo("IN_REVIEW");
        assertThat(a.driver.findElements(By.id("v:approve"))).isEmpty();
        // forcing it: the page's form posted with its view state and nonce, naming the approve button it never drew
        HttpResponse<String> forced = postVersionForm(
                a.sessionCookie(),
                form(
                        "v:comment",
                        "approving my own work",
                        "v:approve",
                        "v:approve",
                        "jakarta.faces.ViewState",
                        viewState(a),
                        "primefaces.nonce",
                        nonce(a)));
        assertThat(forced.statusCode()).isLessThan(500);
        assertThat(forced.body()).doesNotContain("is recorded");
        assertThat(state(own)).isEqualTo("IN_REVIEW");
        assertThat(approvals(own)).isZero();

        // the same person is offered decisions on a version they neither own nor submitted
        String other = Api.createModel(group, "LOW").getString("id");
        Api.createVersion(other, "1.0.0");
        assertThat(move(other, "IN_REVIEW", "Bearer " + Api.adminToken()).status())
                .isEqualTo(200);
        a.open(page(other));
        assertThat(stateBadge(a)).isEqualTo("IN_REVIEW");
        offered(a, "v:approve");
    }

    @Test
    void aCrossSitePostWithoutTheViewStateChangesNothing() throws Exception {
        String model = inReview(group);
        b.signIn(reviewer, Api.MEMBER_PASSWORD);
        b.open(page(model));
        offered(b, "v:approve");

        HttpResponse<String> forged = postVersionForm(
                b.sessionCookie(),
                form("v:comment", "forged", "v:approve", "v:approve", "model", model, "version", "1.0.0"));
        assertThat(forged.statusCode()).isLessThan(500);
        assertThat(forged.body()).doesNotContain("is recorded");

        assertThat(state(model)).isEqualTo("IN_REVIEW");
        assertThat(approvals(model)).isZero();
    }

    @Test
    void aViewerSeesNoActionsAndAForcedActionChangesNothing() throws Exception {
        String model = inReview(group);
        a.signIn(viewer, Api.MEMBER_PASSWORD);
        a.open(page(model));
        assertThat(stateBadge(a)).isEqualTo("IN_REVIEW");
        assertThat(a.text(By.id("v:noActions"))).contains("no action");
        for (String action :
                new String[] {"v:submit", "v:withdraw", "v:approve", "v:reject", "v:deploy", "v:comment"}) {
            assertThat(a.driver.findElements(By.id(action))).as(action).isEmpty();
        }

        for (String action : new String[] {"v:approve", "v:withdraw", "v:deprecate"}) {
            Map<String, String> form = form(
                    "v:comment",
                    "forced",
                    action,
                    action,
                    "jakarta.faces.ViewState",
                    viewState(a),
                    "primefaces.nonce",
                    nonce(a));
            HttpResponse<String> forced = postVersionForm(a.sessionCookie(), form);
            assertThat(forced.statusCode()).as(action).isLessThan(500);
            assertThat(forced.body()).as(action).doesNotContain("is recorded").doesNotContain("is now");
        }
        assertThat(state(model)).isEqualTo("IN_REVIEW");
        assertThat(approvals(model)).isZero();
    }

    @Test
    void aSubmissionBlockedByPolicyNamesThePolicyAndItsMessage() {
        String policyGroup = unique("gov-policy");
        String policy = unique("dataset-named");
        Reply created = post(
                "/policies",
                "{\"name\":\"" + policy + "\",\"groups\":[\"" + policyGroup + "\"],\"transitions\":[\"IN_REVIEW\"],"
                        + "\"expression\":\"'dataset' in version.metadata\","
                        + "\"message\":\"Name the training dataset in the metadata\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String model = draft(policyGroup, "{\"framework\":\"sklearn\"}");

        a.signIn(owner, Api.MEMBER_PASSWORD);
        a.open(page(model));
        assertThat(stateBadge(a)).isEqualTo("DRAFT");
        confirm(a, "v:submit");
        awaitText(a, By.id("messages"), "Blocked by policy " + policy + ": Name the training dataset in the metadata");
        assertThat(stateBadge(a)).isEqualTo("DRAFT");
        assertThat(state(model)).isEqualTo("DRAFT");
        a.screenshot("version-policy-blocked");
    }

    @Test
    void theAliasesPageAnswersWhatWasInProductionOnADateAndWhoApprovedIt() {
        String model = inReview(group);
        Reply approved = post(
                "/models/" + model + "/versions/1.0.0/approvals",
                "{\"decision\":\"APPROVE\",\"comment\":\"fit for production\"}",
                "Authorization",
                reviewerToken);
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        Reply moved = Api.send(
                "PUT",
                "/models/" + model + "/aliases/production",
                BodyPublishers.ofString("{\"version\":\"1.0.0\"}"),
                "Content-Type",
                "application/json");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);

        a.signIn(owner, Api.MEMBER_PASSWORD);
        a.open("/aliases.xhtml");
        a.type(By.id("model"), model);
        a.driver.findElement(By.id("choose")).click();
        assertThat(a.text(By.id("current"))).contains("production", "1.0.0", "admin", reviewer);
        assertThat(a.text(By.cssSelector("ol.timeline"))).contains("to 1.0.0");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        a.type(By.id("ask:at"), today.toString());
        a.driver.findElement(By.id("ask:go")).click();
        assertThat(a.text(By.id("then"))).contains("production named version 1.0.0");
        assertThat(a.text(By.id("ask:approvedBy"))).contains(reviewer, "APPROVE", "fit for production");
        a.assertAccessible("aliases page");
        a.screenshot("aliases");

        a.type(By.id("ask:at"), today.minusDays(1).toString());
        a.driver.findElement(By.id("ask:go")).click();
        assertThat(a.text(By.id("nothing"))).contains("production named no version then");

        a.type(By.id("ask:at"), "last tuesday");
        a.driver.findElement(By.id("ask:go")).click();
        assertThat(a.text(By.cssSelector("#ask .ui-message-error"))).contains("Enter a date");
    }

    @Test
    void anotherOrganizationsVersionAnswersTheNotFoundPage() {
        String org = unique("org");
        assertThat(post("/organizations", "{\"slug\":\"" + org + "\",\"displayName\":\"Elsewhere\"}")
                        .status())
                .isEqualTo(201);
        Reply m = post(
                "/models",
                "{\"organization\":\"" + org + "\",\"group\":\"" + group + "\",\"name\":\"" + unique("m")
                        + "\",\"riskTier\":\"LOW\"}");
        assertThat(m.status()).as(m.body()).isEqualTo(201);
        JsonObject theirs = m.json();
        Api.createVersion(theirs.getString("id"), "1.0.0");

        a.signIn(owner, Api.MEMBER_PASSWORD);
        for (String path : new String[] {
            page(theirs.getString("id")),
            "/aliases.xhtml?model=" + theirs.getString("id"),
            "/version.xhtml?model=not-a-uuid&version=1.0.0",
            page(draft(group, "{}")).replace("1.0.0", "9.9.9")
        }) {
            a.open(path);
            assertThat(a.title()).as(path).isEqualTo("Not found");
            assertThat(a.driver.getPageSource()).as(path).doesNotContain(theirs.getString("name"));
        }
    }
}
