package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.modelregistry.it.Api.Reply;

/**
 * The warm-up before readiness, through the real stack: the server is started with it on (the suite's server has it
 * off), readiness stays DOWN while it runs (liveness does not), comes UP when its budget ends, and it left nothing
 * behind: no model, version, suite or run, no audit record (the chain still verifies), no account. Its principal is
 * no way in: tokens that claim it, signed by anyone but the server, are refused. Restarts the server (the crash
 * execution) and puts the settings back afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarmupIT {

    private static final String PREFIX = "sso:warmup.invalid/";
    private static final long BUDGET_MS = 6_000;
    private static final Pattern COUNTS =
            Pattern.compile("(\\d+) registrations rolled back, (\\d+) reads and searches, (\\d+) broker round trips, "
                    + "(\\d+) loopback requests");

    private static final Map<String, String> SETTINGS = new LinkedHashMap<>();
    private static final Map<String, String> PREVIOUS = new LinkedHashMap<>();

    static {
        SETTINGS.put("registry.warmup.enabled", "true");
        SETTINGS.put("registry.warmup.budget-ms", String.valueOf(BUDGET_MS));
        // more rounds than the budget allows: the warm-up surely runs (and is seen running) until its budget ends
        SETTINGS.put("registry.warmup.rounds", "100000");
    }

    private static final Map<String, Long> BEFORE = new LinkedHashMap<>();
    private static Instant launched;

    private static final Map<String, String> TABLES = Map.of(
            "models", "SELECT count(*) FROM model",
            "versions", "SELECT count(*) FROM model_version",
            "suites", "SELECT count(*) FROM evaluation_suite",
            "runs", "SELECT count(*) FROM evaluation_run",
            "users", "SELECT count(*) FROM app_user");

    @BeforeAll
    static void start() throws Exception {
        SETTINGS.forEach((key, value) -> PREVIOUS.put(key, LibertyServer.bootstrap(key, value)));
        launched = Instant.now();
        LibertyServer.launch();
    }

    @AfterAll
    static void stop() {
        try {
            LibertyServer.stop();
        } finally {
            PREVIOUS.forEach((key, value) -> {
                if (value == null) {
                    LibertyServer.unsetBootstrap(key);
                } else {
                    LibertyServer.bootstrap(key, value);
                }
            });
        }
    }

    private static JsonObject warmupCheck() {
        Reply details = Api.get("/system/readiness");
        for (JsonObject check : details.json().getJsonArray("checks").getValuesAs(JsonObject.class)) {
            if (check.getString("name").equals("warmup")) {
                return check;
            }
        }
        throw new AssertionError("no warmup check in " + details.body());
    }

    @Test
    @Order(1)
    void readinessIsDownWhileTheServerWarmsUpAndUpAfter() throws Exception {
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> Api.get("/system/ping", Api.NO_AUTH, "").status() < 500);
        // the schema is migrated and the administrator exists; what the warm-up writes is never committed, so these
        // counts hold from now on, while it runs and after
        TABLES.forEach((name, sql) -> BEFORE.put(name, Api.count(sql)));
        // the REST API answers, the warm-up runs for its budget: readiness waits, liveness does not
        AtomicReference<JsonObject> warming = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonObject check = warmupCheck();
                    warming.set(check);
                    return !check.getJsonObject("data").getString("summary").startsWith("waiting");
                });
        assertThat(warming.get().getString("status"))
                .as(warming.get().toString())
                .isEqualTo("DOWN");
        assertThat(warming.get().getJsonObject("data").getString("state")).isEqualTo("WARMING");
        assertThat(Api.get(Api.BASE_URL + "/health/ready", Api.NO_AUTH, "").status())
                .isEqualTo(503);
        assertThat(Api.get(Api.BASE_URL + "/health/live", Api.NO_AUTH, "").status())
                .isEqualTo(200);

        long downSince = System.nanoTime();
        LibertyServer.awaitReady();
        long waitedMs = (System.nanoTime() - downSince) / 1_000_000;
        assertThat(waitedMs).as("readiness came before the budget ended").isLessThan(BUDGET_MS + 30_000);

        JsonObject done = warmupCheck();
        assertThat(done.getString("status")).isEqualTo("UP");
        assertThat(done.getJsonObject("data").getString("state")).isEqualTo("OUT_OF_TIME");
        String summary = done.getJsonObject("data").getString("summary");
        Matcher counts = COUNTS.matcher(summary);
        assertThat(counts.find()).as(summary).isTrue();
        for (int path = 1; path <= 4; path++) {
            assertThat(Long.parseLong(counts.group(path)))
                    .as("every path ran: " + summary)
                    .isGreaterThan(0);
        }
        // Liberty starts a new messages.log at every start (the previous one is kept under another name)
        assertThat(Files.readString(LibertyServer.DIR.resolve("logs/messages.log")))
                .contains("warm-up stopped at its budget of " + BUDGET_MS + " ms")
                .doesNotContain("path failed", "loopback request failed");
    }

    @Test
    @Order(2)
    void theWarmUpLeftNothingBehind() {
        TABLES.forEach((name, sql) -> assertThat(Api.count(sql)).as(name).isEqualTo(BEFORE.get(name)));
        assertThat(Api.count("SELECT count(*) FROM model WHERE model_group = 'warmup'"))
                .isZero();
        assertThat(Api.count("SELECT count(*) FROM model_owner WHERE owner LIKE ?", PREFIX + "%"))
                .isZero();
        assertThat(Api.count("SELECT count(*) FROM audit_event WHERE actor LIKE ?", PREFIX + "%"))
                .isZero();
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE occurred_at >= ? AND action IN ('model.created',"
                                + " 'version.created', 'evaluation-suite.created', 'evaluation.requested')",
                        Timestamp.from(launched)))
                .as("no registration audited since the start")
                .isZero();
        assertThat(Api.count("SELECT count(*) FROM app_user WHERE username LIKE '%warmup.invalid%'"))
                .isZero();
        Reply verify = Api.get("/audit/verify");
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        assertThat(verify.json().getBoolean("intact")).as(verify.body()).isTrue();
    }

    @Test
    @Order(3)
    void tokensClaimingTheWarmUpsPrincipalAreRefused() throws Exception {
        // the registry's issuer and audience, the name in the warm-up's token, every role: signed by another key
        RsaJsonWebKey forger = RsaJwkGenerator.generateJwk(2048);
        forger.setKeyId("registry-" + UUID.randomUUID());
        String forged = token(forger, "model-registry", PREFIX + "loopback", List.of("ADMIN", "CONTRIBUTOR"));
        assertThat(Api.get("/models?limit=1", "Authorization", forged).status()).isEqualTo(401);
        assertThat(Api.post(
                                "/models",
                                "{\"group\":\"warmup\",\"name\":\"forged\",\"riskTier\":\"LOW\"}",
                                "Authorization",
                                forged)
                        .status())
                .isEqualTo(401);

        // the test identity provider's own key, naming the warm-up's host as its issuer: not an accepted issuer
        RsaJsonWebKey provider = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(
                Files.readString(Path.of(System.getProperty("registry.it.oidc.dir"), "provider-private-jwk.json")));
        String asWarmupHost =
                token(provider, "https://warmup.invalid", UUID.randomUUID().toString(), List.of("ADMIN"));
        assertThat(Api.get("/models?limit=1", "Authorization", asWarmupHost).status())
                .isEqualTo(401);

        // nobody can have an account of that name either
        Reply account = Api.post(
                "/users",
                "{\"username\":\"" + PREFIX + "x\",\"displayName\":\"W\",\"email\":\"w@example.com\","
                        + "\"password\":\"a-long-enough-password\"}");
        assertThat(account.status()).as(account.body()).isEqualTo(422);
        assertThat(Api.count("SELECT count(*) FROM app_user WHERE username LIKE '%warmup.invalid%'"))
                .isZero();
    }

    private static String token(RsaJsonWebKey key, String issuer, String subject, List<String> groups)
            throws Exception {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer);
        c.setAudience("model-registry");
        c.setSubject(subject);
        c.setClaim("upn", subject);
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(5);
        c.setJwtId(UUID.randomUUID().toString());
        c.setStringListClaim("groups", groups);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return "Bearer " + jws.getCompactSerialization();
    }
}
