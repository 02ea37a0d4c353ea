package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Single sign-on into the console through an OpenID Connect provider, in a real browser. The provider is a stand-in
 * run by this test ({@link Provider}): its authorize endpoint sends the browser straight back with a code (no login
 * form), and its token endpoint checks the console's client credentials and PKCE verifier before it answers an ID
 * token signed with the test provider's key (the IT server trusts its JWKS, issuer https://idp.example.test).
 */
class ConsoleSsoUiIT extends RegistryDeployment {

    private static final String ISSUER = "https://idp.example.test";
    private static final String CLIENT_ID = "registry-console";
    private static final String CLIENT_SECRET = "it-console-secret";

    private static Provider provider;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        provider = new Provider(Integer.parseInt(System.getProperty("registry.it.sso.port")));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (provider != null) {
            provider.server.stop(0);
        }
    }

    @BeforeEach
    void freshProvider() {
        provider.tweak = Tweak.NONE;
        provider.groups = List.of("VIEWER", "staff");
        provider.problems.clear();
        browser.reset();
    }

    private static String subject() {
        return "alice-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** From the sign-in page: the button, the provider, and back to the console. */
    private static void signInWithTheProvider() {
        browser.open("/login.xhtml");
        browser.driver.findElement(By.id("singleSignOn")).click();
        browser.wait.until(d -> !d.getCurrentUrl().contains("/sso/"));
    }

    @Test
    void signingInWithTheProviderLandsOnTheDashboardAsItsUser() {
        String subject = subject();
        provider.subject = subject;
        browser.open("/index.xhtml");
        assertThat(browser.driver.getCurrentUrl()).contains("/login.xhtml?next=");
        assertThat(browser.text(By.id("singleSignOn"))).isEqualTo("Sign in with Example IdP");
        browser.assertAccessible("sign-in page with single sign-on");
        browser.screenshot("sso-sign-in");
        Cookie before = browser.sessionCookie();

        browser.driver.findElement(By.id("singleSignOn")).click();
        browser.wait.until(d -> d.getCurrentUrl().endsWith("/console/index.xhtml"));
        assertThat(browser.text(By.id("whoami"))).isEqualTo("sso:idp.example.test/" + subject);
        assertThat(provider.problems)
                .as("what the provider found wrong in the console's requests")
                .isEmpty();
        Provider.Authorization asked = provider.lastAuthorization;
        assertThat(asked.query())
                .containsEntry("response_type", "code")
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("scope", "openid profile")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", Browser.CONSOLE + "/sso/callback");
        // a new session at sign-in (the one that held the state is not the signed-in one)
        Cookie after = browser.sessionCookie();
        assertThat(after).isNotNull();
        if (before != null) {
            assertThat(after.getValue()).isNotEqualTo(before.getValue());
        }
        // a VIEWER: nothing of an administrator is offered
        assertThat(browser.driver.findElements(By.linkText("Administration"))).isEmpty();
        assertThat(browser.driver.findElements(By.linkText("Policies"))).isEmpty();
        browser.assertAccessible("dashboard of a single sign-on user");
        browser.screenshot("sso-dashboard");
        assertThat(browser.severeLogs()).isEmpty();
        // a VIEWER from the provider typing an administrator's page gets the 403 page
        browser.open("/admin.xhtml");
        assertThat(browser.title()).isEqualTo("Not allowed");

        // the log names the sign-in, never the code or the token
        String log = serverLog();
        assertThat(log).contains("sso:idp.example.test/" + subject);
        assertThat(log).doesNotContain(asked.code()).doesNotContain(provider.lastIdToken);
    }

    @Test
    void theProviderSendsThePersonBackToThePageTheyAskedFor() {
        provider.subject = subject();
        browser.open("/search.xhtml?q=fraud");
        browser.driver.findElement(By.id("singleSignOn")).click();
        browser.wait.until(d -> d.getCurrentUrl().contains("/console/search.xhtml?q=fraud"));
        assertThat(browser.title()).isNotEqualTo("Sign in");
    }

    @Test
    void aReplayedCallbackIsRefused() {
        provider.subject = subject();
        signInWithTheProvider();
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/index.xhtml");
        String callback = provider.lastAuthorization.callback();

        // the same callback again, in a browser without the session that started it: refused, no one signed in
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(callback);
        assertThat(browser.driver.getCurrentUrl()).contains("/login.xhtml?reason=sso-expired");
        assertThat(browser.text(By.id("reason"))).contains("expired or was already used");
        browser.screenshot("sso-replayed");
        browser.open("/index.xhtml");
        assertThat(browser.driver.getCurrentUrl()).contains("/login.xhtml");

        // a callback whose state this browser did not start (a forged one, or another browser's): refused as well
        browser.reset();
        browser.open("/sso/callback?code=" + provider.lastAuthorization.code() + "&state=forged-state");
        assertThat(browser.driver.getCurrentUrl()).contains("reason=sso-expired");
        browser.open("/index.xhtml");
        assertThat(browser.driver.getCurrentUrl()).contains("/login.xhtml");
    }

    @Test
    void aTokenWithAnotherNonceOrAudienceIsRefusedWithAMessageAndNoSession() {
        int logBefore = serverLog().length();
        for (Tweak tweak : List.of(Tweak.WRONG_NONCE, Tweak.WRONG_AUDIENCE, Tweak.WRONG_ISSUER)) {
            browser.reset();
            provider.subject = subject();
            provider.tweak = tweak;
            signInWithTheProvider();
            assertThat(browser.driver.getCurrentUrl()).as(tweak.name()).contains("/login.xhtml?reason=sso-failed");
            assertThat(browser.text(By.id("reason"))).contains("could not be verified, so you are not signed in");
            browser.open("/index.xhtml");
            assertThat(browser.driver.getCurrentUrl()).as(tweak.name()).contains("/login.xhtml");
        }
        // a refusal is an answer, not a server error: no rolled-back transaction or incident in the log
        assertThat(serverLog().substring(logBefore)).doesNotContain("WLTC0017E").doesNotContain("FFDC");
        browser.open("/login.xhtml?reason=sso-failed");
        browser.assertAccessible("sign-in page after a refused single sign-on");
        browser.screenshot("sso-refused");
    }

    @Test
    void withoutARegistryRoleOrWhenTheProviderSaysNoNobodyIsSignedIn() {
        provider.subject = subject();
        provider.groups = List.of("staff", "vpn-users");
        signInWithTheProvider();
        assertThat(browser.driver.getCurrentUrl()).contains("reason=sso-no-role");
        assertThat(browser.text(By.id("reason"))).contains("has no role in this registry");
        browser.open("/index.xhtml");
        assertThat(browser.driver.getCurrentUrl()).contains("/login.xhtml");

        browser.reset();
        provider.tweak = Tweak.DENY;
        signInWithTheProvider();
        assertThat(browser.driver.getCurrentUrl()).contains("reason=sso-cancelled");
        assertThat(browser.text(By.id("reason"))).contains("Example IdP did not sign you in");
    }

    @Test
    void theSingleSignOnUserSeesTheDefaultOrganizationsModelsOnly() {
        String group = Api.unique("ssoui");
        String name = "sso-visible-" + UUID.randomUUID().toString().substring(0, 6);
        Api.Reply mine =
                Api.post("/models", "{\"group\":\"" + group + "\",\"name\":\"" + name + "\",\"riskTier\":\"LOW\"}");
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        assertThat(mine.json().getString("organization")).isEqualTo("default");
        String org = Api.unique("org");
        assertThat(Api.post("/organizations", "{\"slug\":\"" + org + "\",\"displayName\":\"Elsewhere\"}")
                        .status())
                .isEqualTo(201);
        Api.Reply other = Api.post(
                "/models",
                "{\"organization\":\"" + org + "\",\"group\":\"" + group + "\",\"name\":\"" + name
                        + "-elsewhere\",\"riskTier\":\"LOW\"}");
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() ->
                        Api.get("/search?q=" + name + "&group=" + group).json().getInt("total") >= 2);

        provider.subject = subject();
        signInWithTheProvider();
        browser.open("/search.xhtml?q=" + name + "&group=" + URLEncoder.encode(group, StandardCharsets.UTF_8));
        assertThat(browser.text(By.id("result-count"))).isEqualTo("1 results");
        assertThat(browser.text(By.id("hits"))).contains(name).doesNotContain(name + "-elsewhere");
        browser.screenshot("sso-search");
    }

    private static String serverLog() {
        try {
            return Files.readString(Path.of(System.getProperty("registry.it.server.log")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the stand-in provider gets wrong on purpose in its next answers. */
    enum Tweak {
        NONE,
        WRONG_NONCE,
        WRONG_AUDIENCE,
        WRONG_ISSUER,
        DENY
    }

    /**
     * The stand-in OpenID Connect provider: {@code GET /authorize} answers with a redirect to the console's callback
     * (a code, or {@code error=access_denied}); {@code POST /token} checks the client's credentials, that the code is
     * unused, the redirect URI is the same and the PKCE verifier hashes to the challenge, and answers an ID token.
     * What it finds wrong in the console's requests goes to {@link #problems}.
     */
    static final class Provider {

        record Authorization(Map<String, String> query, String code, String callback) {}

        final HttpServer server;
        final RsaJsonWebKey key;
        final Map<String, Authorization> codes = new ConcurrentHashMap<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        volatile Tweak tweak = Tweak.NONE;
        volatile String subject = "nobody";
        volatile List<String> groups = List.of("VIEWER");
        volatile Authorization lastAuthorization;
        volatile String lastIdToken = UUID.randomUUID().toString();

        Provider(int port) throws Exception {
            key = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(
                    Files.readString(Path.of(System.getProperty("registry.it.oidc.dir"), "provider-private-jwk.json")));
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/authorize", this::authorize);
            server.createContext("/token", this::token);
            server.start();
        }

        private void authorize(HttpExchange exchange) throws IOException {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String redirect = query.get("redirect_uri");
            String state = URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8);
            if (redirect == null || !redirect.startsWith(Browser.CONSOLE + "/sso/callback")) {
                problems.add("authorize: redirect_uri " + redirect);
                send(exchange, 400, "text/plain", "bad redirect_uri");
                return;
            }
            String code = UUID.randomUUID() + "-" + UUID.randomUUID();
            String callback = tweak == Tweak.DENY
                    ? redirect + "?error=access_denied&state=" + state
                    : redirect + "?code=" + code + "&state=" + state;
            Authorization authorization = new Authorization(query, code, callback);
            codes.put(code, authorization);
            lastAuthorization = authorization;
            exchange.getResponseHeaders().add("Location", callback);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }

        private void token(HttpExchange exchange) throws IOException {
            String expectedAuth = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            if (!"POST".equals(exchange.getRequestMethod())
                    || !expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problems.add("token: not a POST with the client's credentials");
                send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
                return;
            }
            Map<String, String> body =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII));
            Authorization authorization = body.get("code") == null ? null : codes.remove(body.get("code"));
            if (authorization == null
                    || !"authorization_code".equals(body.get("grant_type"))
                    || !authorization.query().get("redirect_uri").equals(body.get("redirect_uri"))
                    || !s256(body.getOrDefault("code_verifier", ""))
                            .equals(authorization.query().get("code_challenge"))) {
                problems.add("token: unknown or used code, another redirect_uri, or a verifier that does not match");
                send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
                return;
            }
            try {
                JwtClaims c = new JwtClaims();
                c.setIssuer(tweak == Tweak.WRONG_ISSUER ? "https://other-idp.example.test" : ISSUER);
                c.setAudience(tweak == Tweak.WRONG_AUDIENCE ? "another-client" : CLIENT_ID);
                c.setSubject(subject);
                c.setIssuedAtToNow();
                c.setExpirationTimeMinutesInTheFuture(5);
                c.setClaim(
                        "nonce",
                        tweak == Tweak.WRONG_NONCE
                                ? "not-this-sign-ins-nonce"
                                : authorization.query().get("nonce"));
                c.setStringListClaim("groups", groups);
                JsonWebSignature jws = new JsonWebSignature();
                jws.setPayload(c.toJson());
                jws.setKey(key.getPrivateKey());
                jws.setKeyIdHeaderValue(key.getKeyId());
                jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
                lastIdToken = jws.getCompactSerialization();
                send(
                        exchange,
                        200,
                        "application/json",
                        "{\"access_token\":\"opaque\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\""
                                + lastIdToken + "\"}");
            } catch (Exception e) {
                problems.add("token: " + e);
                send(exchange, 500, "text/plain", "failed");
            }
        }

        private static String s256(String verifier) {
            try {
                return Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256")
                                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static Map<String, String> form(String raw) {
            Map<String, String> values = new HashMap<>();
            if (raw == null || raw.isEmpty()) {
                return values;
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                values.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            }
            return values;
        }

        private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
