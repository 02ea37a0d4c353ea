package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The policies, audit and administration pages in a real browser: the CEL editor's error at its line and column, a
 * dry run's verdicts, the chain's verification, the evidence download, an API key shown once, and the refusals of
 * those without the role (the 403 page, and a forced action that changes nothing).
 */
class AdminUiIT extends RegistryDeployment {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = System.getProperty("registry.it.admin.password");

    private static Browser browser;
    private static String started;

    @BeforeAll
    static void start() {
        started = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    @Test
    void aCelErrorIsShownAtItsLineAndColumnAndSavesNothing() {
        String name = Api.unique("ui-bad-policy");
        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.open("/policies.xhtml");
        assertThat(browser.title()).isEqualTo("Policies");
        browser.assertAccessible("policies page");
        browser.screenshot("policies");

        browser.driver.findElement(By.id("newPolicy")).click();
        browser.wait.until(d -> d.getCurrentUrl().contains("/policy.xhtml"));
        assertThat(browser.title()).isEqualTo("New policy");
        browser.type(By.id("policy:name"), name);
        check("policy:transitions", "APPROVED");
        browser.type(By.id("policy:expression"), "version.state == 'IN_REVIEW' &&\n  foo > 1");
        browser.driver.findElement(By.id("policy:save")).click();
        idle();

        String message = besideField("policy:expression");
        assertThat(message).matches("Line 2, column \\d+: .*foo.*");
        assertThat(browser.text(By.id("policy:expressionWhere")))
                .contains("foo > 1")
                .contains("^");
        browser.assertAccessible("policy editor with a CEL error");
        browser.screenshot("policy-cel-error");
        assertThat(Api.get("/policies").body()).doesNotContain(name);
    }

    @Test
    void aValidPolicySavesAndTheDryRunShowsEachVerdict() {
        String group = Api.unique("ui-policy-group");
        String model = Api.createModel(group, "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String name = Api.unique("ui-policy");
        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.open("/policy.xhtml");
        browser.type(By.id("policy:name"), name);
        check("policy:transitions", "APPROVED");
        browser.type(By.id("policy:groups"), group);
        browser.type(
                By.id("policy:expression"), "has(version.metadata.accuracy) &&\n  version.metadata.accuracy >= 0.9");
        browser.type(By.id("policy:message"), "accuracy must be at least 0.9");
        browser.driver.findElement(By.id("policy:save")).click();
        browser.wait.until(d -> d.getCurrentUrl().contains("/policy.xhtml?id="));
        assertThat(browser.text(By.cssSelector(".msg-info"))).contains("Policy " + name + " saved (version 1)");
        assertThat(browser.text(By.id("revisions"))).contains("has(version.metadata.accuracy)");
        assertThat(Api.get("/policies").body()).contains(name);

        browser.open("/policies.xhtml");
        browser.type(By.id("dryRun:model"), model);
        browser.type(By.id("dryRun:version"), "1.0.0");
        browser.driver.findElement(By.id("dryRun:check")).click();
        idle();
        assertThat(browser.text(By.id("verdict"))).contains("Blocked").contains("APPROVED");
        String results = browser.text(By.id("dryRun:results"));
        assertThat(results).contains(name).contains("FAIL").contains("accuracy must be at least 0.9");
        browser.assertAccessible("policies page with a dry run");

        // a bad model id in the dry run: the message beside the field, never an error page
        browser.type(By.id("dryRun:model"), "not-an-id");
        browser.driver.findElement(By.id("dryRun:check")).click();
        idle();
        assertThat(besideField("dryRun:model")).contains("is not a model id");

        // disabling goes through a confirmation
        WebElement disable = browser.driver.findElement(
                By.xpath("//tr[.//a[text()='" + name + "']]//button[.//span[text()='Disable']]"));
        disable.click();
        browser.wait.until(d -> d.findElement(By.id("confirmYes")).isDisplayed());
        browser.driver.findElement(By.id("confirmYes")).click();
        idle();
        String id = policyId(name);
        assertThat(Api.get("/policies/" + id).json().getBoolean("enabled")).isFalse();
    }

    @Test
    void theAuditPageVerifiesTheChainPagesTheLogAndServesTheEvidenceBundle() throws Exception {
        String model = Api.createModel(Api.unique("ui-evidence"), "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        for (int i = 1; i <= 20; i++) {
            Api.createVersion(model, "2.0." + i); // more than a page of records
        }
        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.open("/audit.xhtml");
        assertThat(browser.title()).isEqualTo("Audit");

        browser.type(By.id("verify:verifyFrom"), started);
        browser.driver.findElement(By.id("verify:run")).click();
        idle();
        assertThat(browser.text(By.id("chainStatus"))).startsWith("Intact");

        // a time that is not one: beside the field
        browser.type(By.id("verify:verifyTo"), "yesterday");
        browser.driver.findElement(By.id("verify:run")).click();
        idle();
        assertThat(besideField("verify:verifyTo")).contains("must be a time");

        // the log, filtered: the model's creation is there
        browser.type(By.id("records:objectId"), model);
        browser.driver.findElement(By.id("records:search")).click();
        idle();
        assertThat(browser.text(By.id("records:log"))).contains("model").contains(model);

        // keyset paging: the next page shows other records
        browser.driver.findElement(By.id("records:objectId")).clear();
        browser.driver.findElement(By.id("records:search")).click();
        idle();
        String first = firstRow();
        browser.driver
                .findElement(By.cssSelector("#records\\:log .ui-paginator-next"))
                .click();
        idle();
        assertThat(browser.text(By.cssSelector("#records\\:log .ui-paginator-current")))
                .isEqualTo("Page 2");
        assertThat(firstRow()).isNotEqualTo(first);
        browser.assertAccessible("audit page");
        browser.driver.executeScript("window.scrollTo(0, 0);");
        browser.screenshot("audit");

        // the evidence bundle: what the form downloads is what the API serves
        browser.type(By.id("evidenceModel"), model);
        browser.type(By.id("evidenceVersion"), "1.0.0");
        String action = browser.driver.findElement(By.id("evidence")).getDomProperty("action");
        String url = action + "?model=" + model + "&version=" + URLEncoder.encode("1.0.0", StandardCharsets.UTF_8);
        HttpResponse<byte[]> console = fetch(url, browser.sessionCookie());
        HttpResponse<byte[]> api = Api.CLIENT.send(
                Api.request(Api.API + "/models/" + model + "/versions/1.0.0/evidence")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Content-Type"))
                .isEqualTo(api.headers().firstValue("Content-Type"));
        assertThat(console.headers().firstValue("Content-Disposition"))
                .isEqualTo(api.headers().firstValue("Content-Disposition"));
        Map<String, String> fromConsole = unzip(console.body());
        Map<String, String> fromApi = unzip(api.body());
        assertThat(fromConsole.keySet()).containsExactlyElementsOf(fromApi.keySet());
        // the same content; the manifest differs only by the time it was made (and so its signature)
        for (String file : List.of("model.json", "version.json", "artifacts.json", "approvals.json")) {
            assertThat(fromConsole.get(file)).as(file).isEqualTo(fromApi.get(file));
        }

        // someone without access gets 404, as for a version that does not exist
        browser.signIn(Api.newMember("VIEWER"), Api.MEMBER_PASSWORD);
        assertThat(fetch(url, browser.sessionCookie()).statusCode()).isEqualTo(404);
    }

    @Test
    void aNewApiKeyIsShownOnceAndNeverAgain() {
        String name = Api.unique("ui-robot");
        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.open("/admin-accounts.xhtml");
        browser.type(By.id("accounts:name"), name);
        browser.driver.findElement(By.id("accounts:create")).click();
        idle();
        String key = browser.text(By.id("apiKey"));
        assertThat(key).hasSizeGreaterThan(20);
        browser.assertAccessible("service accounts with the new key");
        assertThat(Api.get("/service-accounts").body()).contains(name).doesNotContain(key);

        browser.driver.navigate().refresh();
        assertThat(browser.text(By.id("accounts:list"))).contains(name);
        assertThat(browser.driver.findElements(By.id("apiKey"))).isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain(key);
    }

    @Test
    void badInputOnTheAdministrationPagesIsShownBesideTheField() {
        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.open("/admin.xhtml");
        assertThat(browser.title()).isEqualTo("Administration: users");
        browser.assertAccessible("administration: users");
        browser.type(By.id("users:username"), "has spaces");
        browser.type(By.id("users:password"), "a-long-enough-password-1");
        browser.driver.findElement(By.id("users:create")).click();
        idle();
        assertThat(besideField("users:username")).contains("letters, digits");
        assertThat(Api.count("select count(*) from app_user where username = ?", "has spaces"))
                .isZero();
        browser.screenshot("admin");

        for (String page : List.of("admin-targets", "admin-webhooks", "admin-suites")) {
            browser.open("/" + page + ".xhtml");
            assertThat(browser.title()).startsWith("Administration: ");
            browser.assertAccessible(page);
        }
        browser.type(By.id("suites:name"), Api.unique("ui-suite"));
        browser.type(By.id("suites:checks"), "[not json");
        browser.driver.findElement(By.id("suites:create")).click();
        idle();
        assertThat(besideField("suites:checks")).contains("is not JSON");
    }

    @Test
    void thoseWithoutTheRoleGetTheForbiddenPageAndForcedActionsChangeNothing() throws Exception {
        for (String role : List.of("VIEWER", "CONTRIBUTOR")) {
            browser.signIn(Api.newMember(role), Api.MEMBER_PASSWORD);
            for (String page : List.of("/policies.xhtml", "/policy.xhtml", "/admin.xhtml", "/audit.xhtml")) {
                browser.open(page);
                assertThat(browser.title()).as(role + " " + page).isEqualTo("Not allowed");
                assertThat(fetch(Browser.CONSOLE + page, browser.sessionCookie())
                                .statusCode())
                        .as(role + " " + page)
                        .isEqualTo(403);
            }
            // a forced post of the policy form with a view state of a page they may see does nothing
            String name = Api.unique("ui-forced");
            browser.open("/index.xhtml");
            assertThat(browser.driver.findElements(By.linkText("Policies"))).isEmpty();
            assertThat(browser.driver.findElements(By.linkText("Administration")))
                    .isEmpty();
            String viewState = viewStateOf(browser.driver.getPageSource());
            String form = "policy=policy&policy%3Aname=" + name
                    + "&policy%3Aexpression=true&policy%3Atransitions=APPROVED&policy%3Aseverity=BLOCKING"
                    + "&policy%3Asave=policy%3Asave&jakarta.faces.ViewState="
                    + URLEncoder.encode(viewState, StandardCharsets.UTF_8);
            Cookie session = browser.sessionCookie();
            HttpResponse<String> forced = Api.CLIENT.send(
                    HttpRequest.newBuilder(URI.create(Browser.CONSOLE + "/policy.xhtml"))
                            .header("Cookie", session.getName() + "=" + session.getValue())
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            // refused as a stale form (sent to the 400 page) or by the service (the page again, with the reason, or the
            // 403 page): never saved
            assertThat(forced.statusCode()).as(forced.body()).isIn(200, 302, 403);
            if (forced.statusCode() == 302) {
                assertThat(forced.headers().firstValue("Location"))
                        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/error.xhtml?status=400"));
            }
            assertThat(forced.body()).doesNotContain("saved (version");
            assertThat(Api.get("/policies").body()).doesNotContain(name);
        }

        // an organization ADMIN may open the editor, but a global policy is the registry administrators': refused
        String name = Api.unique("ui-global");
        browser.signIn(Api.newMember("ADMIN"), Api.MEMBER_PASSWORD);
        browser.open("/policy.xhtml");
        browser.type(By.id("policy:name"), name);
        check("policy:transitions", "APPROVED");
        browser.type(By.id("policy:expression"), "true");
        browser.driver.findElement(By.id("policy:save")).click();
        idle();
        assertThat(browser.text(By.cssSelector(".msg-error"))).isNotBlank();
        assertThat(Api.get("/policies").body()).doesNotContain(name);
        // and the users and service accounts are not offered to them
        browser.open("/admin-accounts.xhtml");
        assertThat(browser.driver.findElements(By.id("accounts:create"))).isEmpty();
        assertThat(browser.text(By.cssSelector(".notice"))).contains("registry administrators");
    }

    /** Waits for PrimeFaces' Ajax queue to drain. */
    private static void idle() {
        browser.wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return document.readyState === 'complete' && !!window.PrimeFaces"
                        + " && PrimeFaces.ajax.Queue.isEmpty() && (!window.jQuery || jQuery.active === 0);")));
    }

    /** The error message PrimeFaces shows beside an input (its p:message, the input's next sibling). */
    private static String besideField(String inputId) {
        return browser.text(
                By.xpath("//*[@id='" + inputId + "']/following-sibling::*[contains(@class," + "'ui-message-error')]"));
    }

    private static void check(String group, String value) {
        browser.driver
                .findElement(By.xpath("//input[@name='" + group + "' and @value='" + value + "']"))
                .click();
    }

    private static String firstRow() {
        return browser.text(By.cssSelector("#records\\:log tbody tr:first-child"));
    }

    private static String policyId(String name) {
        return Api.get("/policies").jsonAny().asJsonArray().stream()
                .map(v -> v.asJsonObject())
                .filter(p -> p.getString("name").equals(name))
                .map(p -> p.getString("id"))
                .findFirst()
                .orElseThrow();
    }

    private static String viewStateOf(String page) {
        Matcher m = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(m.find()).as("a view state on the page").isTrue();
        return m.group(1);
    }

    private static HttpResponse<byte[]> fetch(String url, Cookie session) throws Exception {
        return Api.CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Cookie", session.getName() + "=" + session.getValue())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
