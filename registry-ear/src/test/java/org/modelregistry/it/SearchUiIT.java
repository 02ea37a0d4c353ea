package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's search page in a real browser: the global search box, facets that narrow, highlights that mark the
 * matched words but never run the catalog's text as markup, similar models, and no other organization's model.
 */
class SearchUiIT extends RegistryDeployment {

    private static Browser browser;
    private static String viewer;
    private static String group;
    private static String otherOrgGroup;

    @BeforeAll
    static void prepare() {
        viewer = Api.newMember("VIEWER");
        group = Api.unique("uisearch");
        model(
                null,
                group,
                "chargeback-classifier",
                "HIGH",
                "Scores chargeback disputes <script>window.pwned=1</script>");
        model(null, group, "chargeback-ranker", "LOW", "Ranks chargeback cases for review");
        String org = Api.unique("org");
        Api.Reply created = Api.post("/organizations", "{\"slug\":\"" + org + "\",\"displayName\":\"Other org\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        otherOrgGroup = Api.unique("uisearch-other");
        model(org, otherOrgGroup, "chargeback-secret", "HIGH", "Another organization's chargeback model");
        // the index follows the audit log moments after each commit
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() ->
                        Api.get("/search?q=chargeback&group=" + group).json().getInt("total") >= 2
                                && Api.get("/search?q=chargeback&group=" + otherOrgGroup)
                                                .json()
                                                .getInt("total")
                                        >= 1);
        browser = new Browser();
        browser.signIn(viewer, Api.MEMBER_PASSWORD);
    }

    private static void model(String org, String group, String name, String tier, String description) {
        Api.Reply r = Api.post(
                "/models",
                "{" + (org == null ? "" : "\"organization\":\"" + org + "\",") + "\"group\":\"" + group
                        + "\",\"name\":\"" + name + "\",\"riskTier\":\"" + tier + "\",\"description\":\""
                        + description.replace("\"", "\\\"") + "\",\"tags\":[\"payments\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theGlobalSearchBoxFindsHighlightsAndNarrowsByFacet() {
        browser.open("/index.xhtml");
        browser.type(By.id("global-q"), "chargeback");
        browser.driver.findElement(By.cssSelector(".global-search button")).click();
        browser.wait.until(d -> d.getCurrentUrl().contains("/search.xhtml?q=chargeback"));
        // narrow to this test's group through its facet link (other tests' models match too)
        browser.open("/search.xhtml?q=chargeback&group=" + URLEncoder.encode(group, StandardCharsets.UTF_8));
        assertThat(browser.text(By.id("result-count"))).isEqualTo("2 results");
        List<WebElement> marks = browser.driver.findElements(By.cssSelector("#hits em"));
        assertThat(marks).isNotEmpty().allSatisfy(m -> assertThat(m.getText()).containsIgnoringCase("chargeback"));
        // the description's markup is shown as text, never run
        assertThat(browser.driver.getPageSource()).doesNotContain("<script>window.pwned");
        assertThat(browser.driver.executeScript("return window.pwned === undefined"))
                .isEqualTo(true);
        browser.assertAccessible("search results");
        browser.screenshot("search");

        browser.driver.findElement(By.linkText("HIGH")).click();
        browser.wait.until(d -> d.getCurrentUrl().contains("riskTier=HIGH"));
        assertThat(browser.text(By.id("result-count"))).isEqualTo("1 results");
        assertThat(browser.text(By.id("hits")))
                .contains("chargeback-classifier")
                .doesNotContain("chargeback-ranker");
    }

    @Test
    void anotherOrganizationsModelsNeverShow() {
        browser.open("/search.xhtml?q=chargeback&group=" + URLEncoder.encode(otherOrgGroup, StandardCharsets.UTF_8));
        assertThat(browser.text(By.id("result-count"))).isEqualTo("0 results");
        browser.open("/search.xhtml?q=chargeback");
        assertThat(browser.text(By.id("hits"))).doesNotContain("chargeback-secret");
    }

    @Test
    void similarModelsAreListed() {
        browser.open("/search.xhtml?q=chargeback&group=" + URLEncoder.encode(group, StandardCharsets.UTF_8));
        browser.wait
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.similar-link")))
                .click();
        browser.wait.until(d -> d.getCurrentUrl().contains("similar="));
        assertThat(browser.title()).isEqualTo("Similar models");
        assertThat(browser.text(By.id("similar"))).contains("chargeback");
        browser.assertAccessible("similar models");
    }

    @Test
    void aQueryTheSearchRefusesIsExplainedOnThePage() {
        browser.open("/search.xhtml?q=x&type=planet");
        assertThat(browser.text(By.cssSelector(".msg-error"))).contains("type");
        browser.open("/search.xhtml?similar=not-a-uuid");
        browser.screenshot("search-not-found");
        assertThat(browser.title()).as(browser.driver.getPageSource()).isEqualTo("Not found");
    }
}
