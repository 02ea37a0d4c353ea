package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.infrastructure.security.SecretBox;
import org.modelregistry.it.Api.Reply;

/**
 * Authentication and role checks of the API, with the endpoint list generated from the OpenAPI document, so that a
 * new endpoint without a rule fails here. Tokens are forged with the server's own key (read from the test data
 * directory) to vary one property at a time.
 */
class SecurityIT extends RegistryDeployment {

    private static RsaJsonWebKey serverKey;

    @BeforeAll
    static void readTheServersKey() throws Exception {
        Api.adminToken(); // the key exists once the application has started
        // the key is in the database, sealed with the secrets key of the data directory: open it as the server does
        byte[] secretsKey = Base64.getDecoder()
                .decode(Files.readString(Path.of(System.getProperty("registry.it.data.dir"), "keys", "secrets-key"))
                        .trim());
        try (Connection c = Api.db();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT id, jwk_sealed FROM signing_key WHERE purpose = 'tokens'")) {
            assertThat(rs.next()).isTrue();
            String jwk = new SecretBox(secretsKey, List.of())
                    .open(rs.getString(2), "signing_key", "jwk_sealed", rs.getObject(1, UUID.class));
            serverKey = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(jwk);
        }
    }

    private static JwtClaims claims(List<String> groups) {
        JwtClaims c = new JwtClaims();
        c.setIssuer("model-registry");
        c.setAudience("model-registry");
        c.setSubject(UUID.randomUUID().toString());
        c.setClaim("upn", "forged-" + UUID.randomUUID());
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(5);
        c.setJwtId(UUID.randomUUID().toString());
        c.setStringListClaim("groups", groups);
        return c;
    }

    private static String sign(JwtClaims claims, Consumer<JsonWebSignature> tweak) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(serverKey.getPrivateKey());
        jws.setKeyIdHeaderValue(serverKey.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        tweak.accept(jws);
        return jws.getCompactSerialization();
    }

    private static String token(List<String> groups) throws JoseException {
        return sign(claims(groups), jws -> {});
    }

    private static Reply listModels(String authorization) {
        return Api.get("/models?limit=1", Api.NO_AUTH, "", "Authorization", authorization);
    }

    @Test
    void aValidTokenOfTheRegistryIsAccepted() throws Exception {
        assertThat(listModels("Bearer " + token(List.of("VIEWER"))).status()).isEqualTo(200);
    }

    @Test
    void badTokensAre401() throws Exception {
        RsaJsonWebKey attacker = RsaJwkGenerator.generateJwk(2048);
        attacker.setKeyId(serverKey.getKeyId());
        JwtClaims expired = claims(List.of("ADMIN"));
        expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 120));
        JwtClaims notYet = claims(List.of("ADMIN"));
        notYet.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
        JwtClaims otherIssuer = claims(List.of("ADMIN"));
        otherIssuer.setIssuer("https://evil.example.com");
        JwtClaims otherAudience = claims(List.of("ADMIN"));
        otherAudience.setAudience("another-service");

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("malformed", "Bearer not.a.jwt");
        tokens.put("not bearer", "Basic YWRtaW46YWRtaW4=");
        tokens.put("expired beyond the 60 s skew", "Bearer " + sign(expired, j -> {}));
        tokens.put("not yet valid", "Bearer " + sign(notYet, j -> {}));
        tokens.put("wrong issuer", "Bearer " + sign(otherIssuer, j -> {}));
        tokens.put("wrong audience", "Bearer " + sign(otherAudience, j -> {}));
        tokens.put(
                "signed by another key",
                "Bearer " + sign(claims(List.of("ADMIN")), j -> j.setKey(attacker.getPrivateKey())));
        tokens.put(
                "own key in a jwk header",
                "Bearer "
                        + sign(claims(List.of("ADMIN")), j -> {
                            j.setKey(attacker.getPrivateKey());
                            j.setJwkHeader(attacker);
                        }));
        tokens.put(
                "own key by jku",
                "Bearer "
                        + sign(claims(List.of("ADMIN")), j -> {
                            j.setKey(attacker.getPrivateKey());
                            j.setHeader("jku", "https://evil.example.com/jwks");
                        }));
        tokens.put(
                "alg none",
                "Bearer "
                        + sign(claims(List.of("ADMIN")), j -> {
                            j.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
                            j.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
                            j.setKey(null);
                        }));
        tokens.put(
                "HS256 keyed with the public key",
                "Bearer "
                        + sign(claims(List.of("ADMIN")), j -> {
                            j.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
                            j.setKey(new SecretKeySpec(
                                    serverKey
                                            .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                                            .getBytes(),
                                    "HmacSHA256"));
                            j.setDoKeyValidation(false);
                        }));
        for (var e : tokens.entrySet()) {
            Reply r = listModels(e.getValue());
            assertThat(r.status()).as(e.getKey()).isEqualTo(401);
        }
    }

    @Test
    void everyEndpointButTheTokenOnesAnswers401WithoutAToken() {
        List<String[]> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(10);
        for (String[] e : endpoints) {
            Reply r = Api.send(
                    e[0], e[1], BodyPublishers.ofString("{}"), Api.NO_AUTH, "", "Content-Type", "application/json");
            assertThat(r.status()).as(e[0] + " " + e[1]).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).as(e[0] + " " + e[1]).startsWith("Bearer");
        }
        assertThat(Api.get("/auth/jwks", Api.NO_AUTH, "").status()).isEqualTo(200);
    }

    @Test
    void readOnlyRolesCannotWriteAndTokensWithoutRolesCannotRead() throws Exception {
        String viewer = "Bearer " + token(List.of("VIEWER"));
        for (String[] e : endpoints()) {
            if (e[0].equals("GET") || e[1].endsWith("/policy-check")) {
                continue; // a policy check is a POST that changes nothing: viewers may dry-run (RoleMatrixIT)
            }
            Reply r = Api.send(
                    e[0],
                    e[1],
                    BodyPublishers.ofString("{}"),
                    Api.NO_AUTH,
                    "",
                    "Authorization",
                    viewer,
                    "Content-Type",
                    "application/json");
            assertThat(r.status()).as("VIEWER " + e[0] + " " + e[1]).isEqualTo(403);
        }
        assertThat(listModels("Bearer " + token(List.of())).status()).isEqualTo(403);
        assertThat(listModels("Bearer " + token(List.of("SUPERUSER"))).status()).isEqualTo(403);
    }

    @Test
    void eachPrincipalHasARateLimitByRole() throws Exception {
        // the IT server allows AUDITOR 5 requests a minute (registry.ratelimit.per-minute.AUDITOR)
        String auditor = "Bearer " + token(List.of("AUDITOR"));
        for (int i = 0; i < 5; i++) {
            assertThat(listModels(auditor).status()).as("request %d", i + 1).isEqualTo(200);
        }
        Reply limited = listModels(auditor);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        // another principal is not affected
        assertThat(listModels("Bearer " + token(List.of("AUDITOR"))).status()).isEqualTo(200);
        assertThat(Api.get("/models?limit=1").status()).isEqualTo(200);
    }

    @Test
    void failedSignInsAreThrottledPerUser() {
        String name = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            assertThat(Api.post(
                                    "/auth/token",
                                    "{\"username\":\"" + name + "\",\"password\":\"wrong-" + i + "\"}",
                                    Api.NO_AUTH,
                                    "")
                            .status())
                    .isEqualTo(401);
        }
        Reply locked = Api.post("/auth/token", "{\"username\":\"" + name + "\",\"password\":\"any\"}", Api.NO_AUTH, "");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isPositive();
        // other users from the same address still sign in
        assertThat(Api.post(
                                "/auth/token",
                                "{\"username\":\"admin\",\"password\":\""
                                        + System.getProperty("registry.it.admin.password") + "\"}",
                                Api.NO_AUTH,
                                "")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void jsonBodiesHaveAMaximumSize() {
        String big = "{\"group\":\"g\",\"name\":\"n\",\"riskTier\":\"LOW\",\"description\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}";
        Reply declared = Api.post("/models", big);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.contentType()).startsWith("application/problem+json");
        Reply chunked = Api.send(
                "POST",
                "/models",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())),
                "Content-Type",
                "application/json");
        assertThat(chunked.status()).isEqualTo(413);
    }

    /**
     * Every operation of the OpenAPI document under /api/v1 but those it says are public ({@code security: []}: the
     * token endpoints, and the CI systems' events, which carry a signature instead), with made-up ids.
     */
    private static List<String[]> endpoints() {
        JsonObject paths = Api.get(Api.BASE_URL + "/openapi", "Accept", "application/json")
                .json()
                .getJsonObject("paths");
        List<String[]> out = new ArrayList<>();
        for (String path : paths.keySet()) {
            if (!path.startsWith("/api/v1/") || path.startsWith("/api/v1/auth/")) {
                continue;
            }
            String concrete = path.replace("{version}", "1.0.0")
                    .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (String method : paths.getJsonObject(path).keySet()) {
                if (!List.of("get", "post", "put", "patch", "delete").contains(method)) {
                    continue;
                }
                JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
                if (!operation.containsKey("security")
                        || !operation.getJsonArray("security").isEmpty()) {
                    out.add(new String[] {method.toUpperCase(), Api.BASE_URL + concrete});
                }
            }
        }
        return out;
    }
}
