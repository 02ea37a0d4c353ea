package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Signing in and out of the console in a real browser, and the attacks on its session: fixation, a forged or expired
 * session, an open redirect through the return address, the console's session used against the API.
 */
class ConsoleSignInUiIT extends RegistryDeployment {

    private static Browser browser;
    private static String viewer;

    @BeforeAll
    static void start() {
        viewer = Api.newMember("VIEWER");
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    @Test
    void anAnonymousVisitorIsSentToSignInAndBackToThePageTheyAskedFor() {
        browser.reset();
        browser.open("/index.xhtml");
        assertThat(browser.driver.getCurrentUrl()).contains("/console/login.xhtml?next=");
        assertThat(browser.title()).isEqualTo("Sign in");
        browser.assertAccessible("sign-in page");
        browser.screenshot("sign-in");

        Cookie before = browser.sessionCookie();
        browser.fillSignIn(viewer, Api.MEMBER_PASSWORD);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/index.xhtml");
        assertThat(browser.text(By.id("whoami"))).isEqualTo(viewer);
        Cookie after = browser.sessionCookie();
        assertThat(after).isNotNull();
        // no session fixation: the session that signed in is not the one the anonymous page had
        if (before != null) {
            assertThat(after.getValue()).isNotEqualTo(before.getValue());
        }
        assertThat(after.isHttpOnly()).isTrue();
        assertThat(after.getSameSite()).isEqualTo("Lax");
        assertThat(after.getPath()).isEqualTo("/console");
        assertThat(browser.severeLogs())
                .as("script errors (a CSP refusal shows here)")
                .isEmpty();
        browser.assertAccessible("dashboard");
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageAndNoSession() {
        browser.signIn(viewer, "not-the-password");
        assertThat(browser.driver.getCurrentUrl()).contains("/login.xhtml");
        assertThat(browser.text(By.cssSelector(".msg-error"))).contains("The user name or password is wrong");
        browser.assertAccessible("sign-in page with an error");
        browser.open("/index.xhtml");
        assertThat(browser.driver.getCurrentUrl()).contains("/login.xhtml");
    }

    @Test
    void signingOutEndsTheSession() {
        browser.signIn(viewer, Api.MEMBER_PASSWORD);
        Cookie session = browser.sessionCookie();
        browser.driver.findElement(By.id("signOutForm:signOut")).click();
        assertThat(browser.text(By.id("reason"))).contains("You are signed out");
        // the old session cookie, replayed, is no longer signed in
        browser.driver.manage().deleteAllCookies();
        browser.driver.manage().addCookie(session);
        browser.open("/index.xhtml");
        assertThat(browser.driver.getCurrentUrl()).contains("/login.xhtml");
    }

    @Test
    void anExpiredOrForgedSessionSaysSoOnTheSignInPage() {
        browser.signIn(viewer, Api.MEMBER_PASSWORD);
        Cookie session = browser.sessionCookie();
        browser.driver.manage().deleteAllCookies();
        assertThat(browser.sessionCookie()).isNull();
        browser.driver
                .manage()
                .addCookie(new Cookie.Builder(
                                session.getName(),
                                "0000ForgedSessionId0123456789"
                                        + session.getValue()
                                                .substring(session.getValue().indexOf(':')))
                        .path("/console")
                        .build());
        String sent = browser.driver.manage().getCookies().toString();
        browser.open("/index.xhtml");
        assertThat(browser.driver.getCurrentUrl())
                .as("cookies sent: " + sent + ", now: "
                        + browser.driver.manage().getCookies())
                .contains("/login.xhtml")
                .contains("reason=expired");
        assertThat(browser.text(By.id("reason"))).contains("Your session expired");
        browser.screenshot("session-expired");
    }

    @Test
    void theReturnAddressCannotLeadToAnotherSite() {
        for (String next :
                List.of("https://evil.example/", "//evil.example/x", "/\\evil.example", "/%2F%2Fevil.example")) {
            browser.reset();
            browser.open("/login.xhtml?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            browser.fillSignIn(viewer, Api.MEMBER_PASSWORD);
            assertThat(URI.create(browser.driver.getCurrentUrl()).getHost()).isEqualTo("127.0.0.1");
            assertThat(browser.driver.getCurrentUrl()).as(next).endsWith("/console/index.xhtml");
        }
    }

    @Test
    void theConsoleSessionIsNoKeyToTheApi() throws Exception {
        browser.signIn(viewer, Api.MEMBER_PASSWORD);
        Cookie session = browser.sessionCookie();
        HttpResponse<String> api = Api.CLIENT.send(
                HttpRequest.newBuilder(URI.create(Api.API + "/models"))
                        .header("Cookie", session.getName() + "=" + session.getValue())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
    }

    @Test
    void aFormPostedWithAForgedViewStateDoesNothing() throws Exception {
        browser.signIn(viewer, Api.MEMBER_PASSWORD);
        Cookie session = browser.sessionCookie();
        // the sign-out button's form, as another site would post it: the session cookie, a made-up view state
        HttpResponse<String> forged = Api.CLIENT.send(
                HttpRequest.newBuilder(URI.create(Browser.CONSOLE + "/index.xhtml"))
                        .header("Cookie", session.getName() + "=" + session.getValue())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("signOutForm=signOutForm&signOutForm%3AsignOut="
                                + "&jakarta.faces.ViewState=-1234567890%3A987654321"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(forged.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/console/error.xhtml?status=400"));
        browser.open("/error.xhtml?status=400");
        assertThat(browser.title()).isEqualTo("This request cannot be done");
        // still signed in: the forged sign-out did not run
        browser.open("/index.xhtml");
        assertThat(browser.text(By.id("whoami"))).isEqualTo(viewer);
    }

    @Test
    void pagesCarryAContentSecurityPolicyAndAreNeverCached() throws Exception {
        HttpResponse<String> page = Api.CLIENT.send(
                HttpRequest.newBuilder(URI.create(Browser.CONSOLE + "/login.xhtml"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp)
                .contains("script-src 'self' 'nonce-")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.headers().allValues("Set-Cookie"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains("HttpOnly").containsPattern("SameSite=(Lax|Strict)"));
    }

    @Test
    void anUnknownPageIsAFriendly404WithTheRequestId() {
        browser.signIn(viewer, Api.MEMBER_PASSWORD);
        browser.open("/no-such-page.xhtml");
        assertThat(browser.title()).isEqualTo("Not found");
        assertThat(browser.text(By.id("request-id"))).matches("Request id: \\S{8,64}\\..*");
        assertThat(browser.driver.getPageSource()).doesNotContain("Exception").doesNotContain("at org.");
        browser.assertAccessible("error page");
    }
}
