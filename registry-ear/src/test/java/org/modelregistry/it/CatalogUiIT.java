package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The catalog in a real browser: the model catalog (filters, sorting, keyset pages), registering a model and a
 * version, uploading and downloading an artifact, editing a model, and the attacks on them (a viewer forcing the edit
 * page, another organization's model, invalid input, a change made meanwhile).
 */
class CatalogUiIT extends RegistryDeployment {

    private static Browser browser;
    private static String contributor;
    private static String viewer;

    @BeforeAll
    static void start() {
        contributor = Api.newMember("CONTRIBUTOR");
        viewer = Api.newMember("VIEWER");
        browser = new Browser();
        browser.wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    @Test
    void aContributorRegistersAModelAndAVersionAndUploadsAnArtifact() throws Exception {
        String group = Api.unique("ui");
        String name = Api.unique("vision");
        browser.signIn(contributor, Api.MEMBER_PASSWORD);
        browser.severeLogs(); // drains what the pages of earlier tests logged
        browser.open("/models.xhtml");
        browser.driver.findElement(By.id("register")).click();
        browser.wait.until(d -> d.getCurrentUrl().contains("/model-new.xhtml"));
        browser.assertAccessible("register a model");
        browser.type(By.id("register:group"), group);
        browser.type(By.id("register:name"), name);
        browser.type(By.id("register:description"), "Finds defects on the line");
        new Select(browser.driver.findElement(By.id("register:riskTier"))).selectByValue("MEDIUM");
        browser.type(By.id("register:tags"), "vision, line-3");
        browser.driver.findElement(By.id("register:create")).click();
        browser.wait.until(d -> d.getCurrentUrl().contains("/model.xhtml?id="));
        String modelId = browser.driver.getCurrentUrl().replaceAll(".*[?&]id=([0-9a-f-]{36}).*", "$1");

        assertThat(browser.title()).isEqualTo("Model " + group + "/" + name);
        assertThat(browser.text(By.id("model-owners"))).isEqualTo(contributor);
        assertThat(browser.text(By.id("model-risk"))).isEqualTo("MEDIUM");
        assertThat(browser.text(By.cssSelector(".msg-info"))).contains("registered");
        JsonObject stored = Api.get("/models/" + modelId).json();
        assertThat(stored.getString("name")).isEqualTo(name);
        assertThat(ModelApiIT.strings(stored, "tags")).containsExactly("vision", "line-3");

        browser.type(By.id("newVersion:version"), "1.0.0");
        browser.type(By.id("newVersion:description"), "first cut");
        browser.driver.findElement(By.id("newVersion:createVersion")).click();
        browser.wait.until(
                d -> !d.findElements(By.cssSelector("#versions .version-link")).isEmpty());
        assertThat(browser.text(By.cssSelector("#versions .version-link"))).isEqualTo("1.0.0");
        assertThat(browser.text(By.cssSelector("#versions .state"))).isEqualTo("DRAFT");
        assertThat(browser.driver
                        .findElement(By.cssSelector("#versions .version-link"))
                        .getAttribute("href"))
                .contains("/version.xhtml?model=" + modelId + "&version=1.0.0");
        assertThat(browser.text(By.id("artifacts-heading"))).isEqualTo("Artifacts of version 1.0.0");
        browser.assertAccessible("model page");
        browser.screenshot("model");

        byte[] content = new byte[48 * 1024];
        new Random(14).nextBytes(content);
        Path file = Files.createTempFile("weights-", ".bin");
        Files.write(file, content);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        new Select(browser.driver.findElement(By.id("upload:type"))).selectByValue("MODEL_WEIGHTS");
        browser.type(By.id("upload:license"), "Apache-2.0");
        browser.driver.findElement(By.id("upload:license")).sendKeys(Keys.TAB);
        browser.driver
                .findElement(By.cssSelector("#upload\\:content input[type=file]"))
                .sendKeys(file.toString());
        browser.wait.until(d -> d.findElements(By.cssSelector(".artifact-digest")).stream()
                .anyMatch(e -> e.getText().equals(sha256)));
        assertThat(browser.text(By.cssSelector(".artifact-name")))
                .isEqualTo(file.getFileName().toString());
        assertThat(browser.text(By.cssSelector(".artifact-size"))).isEqualTo(String.valueOf(content.length));
        assertThat(browser.text(By.cssSelector(".msg-info"))).contains("sha256 " + sha256);
        browser.screenshot("model-upload");
        browser.assertAccessible("model page after an upload");

        JsonObject artifact = Api.get("/models/" + modelId + "/versions/1.0.0/artifacts")
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(artifact.getString("sha256")).isEqualTo(sha256);
        assertThat(artifact.getString("license")).isEqualTo("Apache-2.0");
        assertThat(artifact.getString("type")).isEqualTo("MODEL_WEIGHTS");

        String href =
                browser.driver.findElement(By.cssSelector(".artifact-download")).getAttribute("href");
        HttpResponse<byte[]> download = downloadAs(browser.sessionCookie(), href);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment;")
                .contains(file.getFileName().toString());
        assertThat(browser.severeLogs())
                .as("script errors (a CSP refusal shows here)")
                .isEmpty();
    }

    @Test
    void theCatalogFiltersSortsAndPages() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String tag = "sort-" + suffix;
        String group = Api.unique("catalog");
        String a = "a-" + suffix;
        String b = "b-" + suffix;
        String c = "c-" + suffix;
        String aId = model(group, a, "HIGH", tag);
        model(group, b, "LOW", tag);
        model(group, c, "CRITICAL", tag);
        Api.createVersion(aId, "2.0.0");

        browser.signIn(viewer, Api.MEMBER_PASSWORD);
        browser.open("/models.xhtml");
        assertThat(browser.driver.findElements(By.id("register")))
                .as("a viewer is not offered registration")
                .isEmpty();
        filter(By.id("catalog:tag"), tag);
        waitForNames(List.of(a, b, c));
        assertThat(browser.text(By.cssSelector("#catalog\\:models tbody tr:first-child .state")))
                .isEqualTo("DRAFT");

        browser.driver.findElement(By.id("catalog:models:colRisk")).click();
        waitForNames(List.of(b, a, c)); // by severity, LOW first
        browser.driver.findElement(By.id("catalog:models:colRisk")).click();
        waitForNames(List.of(c, a, b));
        browser.assertAccessible("catalog");
        browser.screenshot("catalog");

        new Select(browser.driver.findElement(By.id("catalog:latestState"))).selectByValue("DRAFT");
        browser.driver.findElement(By.id("catalog:apply")).click();
        waitForNames(List.of(a));
        new Select(browser.driver.findElement(By.id("catalog:latestState"))).selectByIndex(0);
        filter(By.id("catalog:text"), group + "/" + b);
        waitForNames(List.of(b));

        // a filter the service refuses is named beside its field
        filter(By.id("catalog:tag"), "Not A Tag");
        browser.wait.until(d -> !d.findElements(By.xpath(
                        "//input[@id='catalog:tag']/following-sibling::*[contains(@class,'ui-message-error')]"))
                .isEmpty());

        // keyset pages of 20: forward and back again
        String pagedTag = "page-" + suffix;
        String pagedGroup = Api.unique("paged");
        for (int i = 0; i < 21; i++) {
            Api.createModel(pagedGroup, "LOW", pagedTag);
        }
        browser.type(By.id("catalog:text"), "");
        filter(By.id("catalog:tag"), pagedTag);
        browser.wait.until(d -> rows().size() == 20);
        List<String> first = names();
        browser.driver.findElement(By.id("catalog:next")).click();
        browser.wait.until(d -> rows().size() == 1);
        assertThat(browser.text(By.id("catalog:pageNumber"))).isEqualTo("Page 2");
        assertThat(names()).doesNotContainAnyElementsOf(first);
        assertThat(browser.driver.findElement(By.id("catalog:next")).isEnabled())
                .isFalse();
        browser.driver.findElement(By.id("catalog:previous")).click();
        browser.wait.until(d -> rows().size() == 20);
        assertThat(names()).isEqualTo(first);
    }

    @Test
    void aViewerSeesNoEditActionsAndIsRefusedTheEditPage() throws Exception {
        JsonObject model = Api.createModel(Api.unique("guarded"), "LOW");
        String id = model.getString("id");
        Api.createVersion(id, "1.0.0");
        browser.signIn(viewer, Api.MEMBER_PASSWORD);
        browser.open("/model.xhtml?id=" + id);
        assertThat(browser.title()).isEqualTo("Model " + model.getString("group") + "/" + model.getString("name"));
        assertThat(browser.driver.findElements(By.id("edit"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("newVersion"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("upload"))).isEmpty();

        browser.open("/model-edit.xhtml?id=" + id);
        assertThat(browser.title()).isEqualTo("Not allowed");
        browser.open("/model-new.xhtml");
        assertThat(browser.title()).isEqualTo("Not allowed");

        // posting the edit form without a view state of this session does nothing either
        Cookie session = browser.sessionCookie();
        HttpResponse<String> forced = Api.CLIENT.send(
                HttpRequest.newBuilder(URI.create(Browser.CONSOLE + "/model-edit.xhtml?id=" + id))
                        .header("Cookie", session.getName() + "=" + session.getValue())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("edit=edit&edit%3Adescription=viewer+was+here"
                                + "&edit%3AriskTier=CRITICAL&edit%3Asave=edit%3Asave"
                                + "&jakarta.faces.ViewState=forged"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // an unknown view state: sent to the 400 page from a fresh request, nothing run
        assertThat(forced.statusCode()).isEqualTo(302);
        assertThat(forced.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/console/error.xhtml?status=400"));

        // a contributor who is not an owner is refused too: the rule is the service's, not the role's
        browser.signIn(contributor, Api.MEMBER_PASSWORD);
        browser.open("/model-edit.xhtml?id=" + id);
        assertThat(browser.title()).isEqualTo("Not allowed");
        browser.assertAccessible("403 page");

        JsonObject after = Api.get("/models/" + id).json();
        assertThat(after.getJsonNumber("revision").longValue())
                .isEqualTo(model.getJsonNumber("revision").longValue());
        assertThat(after.getString("riskTier")).isEqualTo("LOW");
        assertThat(after.containsKey("description") && !after.isNull("description"))
                .isFalse();
    }

    @Test
    void anOwnerWhoseRoleIsViewerCannotChangeTheModel() {
        // the API's resources required CONTRIBUTOR; the console has no resource: the service must hold the rule
        String viewerOwner = Api.newMember("VIEWER");
        Api.Reply created = Api.post(
                "/models",
                "{\"group\":\"" + Api.unique("viewer-owned") + "\",\"name\":\"" + Api.unique("m")
                        + "\",\"riskTier\":\"LOW\",\"owners\":[\"" + viewerOwner + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        browser.signIn(viewerOwner, Api.MEMBER_PASSWORD);
        browser.open("/model.xhtml?id=" + id);
        assertThat(browser.driver.findElements(By.id("edit"))).isEmpty();
        browser.open("/model-edit.xhtml?id=" + id);
        assertThat(browser.title()).isEqualTo("Not allowed");
        assertThat(Api.get("/models/" + id).json().getJsonNumber("revision").longValue())
                .isEqualTo(created.json().getJsonNumber("revision").longValue());
    }

    @Test
    void anotherOrganizationsModelAndArtifactAreNotFound() throws Exception {
        String slug = Api.unique("org");
        assertThat(Api.post("/organizations", "{\"slug\":\"" + slug + "\",\"displayName\":\"Elsewhere\"}")
                        .status())
                .isEqualTo(201);
        Api.Reply created = Api.post(
                "/models",
                "{\"organization\":\"" + slug + "\",\"group\":\"elsewhere\",\"name\":\"" + Api.unique("secret")
                        + "\",\"riskTier\":\"HIGH\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        Api.createVersion(id, "1.0.0");
        Api.Reply artifact = Api.post(
                "/models/" + id + "/versions/1.0.0/artifacts", "{\"type\":\"CONFIG\",\"name\":\"config.json\"}");
        assertThat(artifact.status()).as(artifact.body()).isEqualTo(201);
        String artifactId = artifact.json().getString("id");
        assertThat(Api.put(
                                "/models/" + id + "/versions/1.0.0/artifacts/" + artifactId + "/content",
                                HttpRequest.BodyPublishers.ofString("{}"))
                        .status())
                .isEqualTo(200);

        browser.signIn(viewer, Api.MEMBER_PASSWORD);
        browser.open("/model.xhtml?id=" + id);
        assertThat(browser.title()).isEqualTo("Not found");
        assertThat(browser.driver.getPageSource()).doesNotContain("elsewhere");
        browser.assertAccessible("404 page");
        browser.open("/model-edit.xhtml?id=" + id);
        assertThat(browser.title()).isEqualTo("Not found");
        browser.open("/model.xhtml?id=not-a-uuid");
        assertThat(browser.title()).isEqualTo("Not found");

        HttpResponse<byte[]> download =
                downloadAs(browser.sessionCookie(), Browser.CONSOLE + "/artifacts/" + id + "/1.0.0/" + artifactId);
        assertThat(download.statusCode()).isEqualTo(404);
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).doesNotContain("{}");
    }

    @Test
    void anInvalidNameIsShownBesideTheFieldAndNothingIsCreated() {
        String group = Api.unique("invalid");
        browser.signIn(contributor, Api.MEMBER_PASSWORD);
        browser.open("/model-new.xhtml");
        browser.type(By.id("register:group"), group);
        browser.type(By.id("register:name"), "Not_A_Dns_Label");
        new Select(browser.driver.findElement(By.id("register:riskTier"))).selectByValue("LOW");
        browser.driver.findElement(By.id("register:create")).click();
        WebElement beside = browser.wait.until(d -> d
                .findElements(By.xpath(
                        "//input[@id='register:name']/following-sibling::*[contains(@class,'ui-message-error')]"))
                .stream()
                .findFirst()
                .orElse(null));
        assertThat(beside.getText()).isNotBlank();
        assertThat(browser.driver.getCurrentUrl()).contains("/model-new.xhtml");
        assertThat(browser.driver.findElement(By.id("register:group")).getAttribute("value"))
                .isEqualTo(group);
        browser.assertAccessible("register form with an error");
        assertThat(Api.count("SELECT count(*) FROM model WHERE model_group = ?", group))
                .isZero();
    }

    @Test
    void anOwnerEditsAndAChangeMadeMeanwhileIsReported() {
        Api.Reply created = Api.post(
                "/models",
                "{\"group\":\"" + Api.unique("edited") + "\",\"name\":\"" + Api.unique("m")
                        + "\",\"riskTier\":\"LOW\",\"owners\":[\"" + contributor + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");

        browser.signIn(contributor, Api.MEMBER_PASSWORD);
        browser.open("/model.xhtml?id=" + id);
        browser.driver.findElement(By.id("edit")).click();
        browser.wait.until(d -> d.getCurrentUrl().contains("/model-edit.xhtml"));
        browser.assertAccessible("edit a model");
        browser.type(By.id("edit:description"), "from the console");
        assertThat(Api.patch("/models/" + id, "{\"description\":\"from the api\"}")
                        .status())
                .isEqualTo(200);
        save();
        assertThat(browser.text(By.cssSelector(".msg-error"))).contains("changed meanwhile");
        assertThat(Api.get("/models/" + id).json().getString("description")).isEqualTo("from the api");

        browser.open("/model-edit.xhtml?id=" + id);
        assertThat(browser.driver.findElement(By.id("edit:description")).getAttribute("value"))
                .isEqualTo("from the api");
        browser.type(By.id("edit:description"), "from the console");
        new Select(browser.driver.findElement(By.id("edit:riskTier"))).selectByValue("HIGH");
        save();
        browser.wait.until(d -> d.getCurrentUrl().contains("/model.xhtml?id="));
        assertThat(browser.text(By.id("model-description"))).isEqualTo("from the console");
        JsonObject after = Api.get("/models/" + id).json();
        assertThat(after.getString("description")).isEqualTo("from the console");
        assertThat(after.getString("riskTier")).isEqualTo("HIGH");
    }

    private static void save() {
        browser.driver.findElement(By.id("edit:save")).click();
        browser.wait.until(d -> d.findElement(By.id("edit:confirmYes")).isDisplayed());
        browser.driver.findElement(By.id("edit:confirmYes")).click();
    }

    /** Registers a model through the API with a chosen name; returns its id. */
    private static String model(String group, String name, String tier, String tag) {
        Api.Reply r = Api.post(
                "/models",
                "{\"group\":\"" + group + "\",\"name\":\"" + name + "\",\"riskTier\":\"" + tier + "\",\"tags\":[\""
                        + tag + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("id");
    }

    private static void filter(By field, String value) {
        browser.type(field, value);
        browser.driver.findElement(By.id("catalog:apply")).click();
    }

    private static List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("#catalog\\:models .model-link"));
    }

    private static List<String> names() {
        return rows().stream().map(WebElement::getText).toList();
    }

    private static void waitForNames(List<String> expected) {
        try {
            browser.wait.until(d -> names().equals(expected));
        } catch (TimeoutException e) {
            browser.screenshot("catalog-unexpected");
            throw new AssertionError("the catalog shows " + names() + ", not " + expected, e);
        }
    }

    private static HttpResponse<byte[]> downloadAs(Cookie session, String url) throws Exception {
        return Api.CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Cookie", session.getName() + "=" + session.getValue())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
