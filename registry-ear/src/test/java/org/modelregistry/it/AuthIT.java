package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.ModelApiIT.fields;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** {@code /api/v1/auth}: the bootstrap administrator, token issuing and the published signing keys. */
class AuthIT extends RegistryDeployment {

    private static final String ADMIN_PASSWORD = System.getProperty("registry.it.admin.password");

    private static String credentials(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void theAdministratorGetsAnRs256TokenThatTheJwksVerifies() throws Exception {
        Reply r = post("/auth/token", credentials("admin", ADMIN_PASSWORD));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        JsonObject body = r.json();
        assertThat(body.getString("token_type")).isEqualTo("Bearer");
        assertThat(body.getInt("expires_in")).isEqualTo(15 * 60);
        String token = body.getString("access_token");

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");

        Reply jwks = get("/auth/jwks");
        assertThat(jwks.status()).isEqualTo(200);
        JsonWebKeySet keys = new JsonWebKeySet(jwks.body());
        assertThat(jwks.body()).doesNotContain("\"d\"", "\"p\"", "\"q\""); // public halves only
        var key = new VerificationJwkSelector().select(jws, keys.getJsonWebKeys());
        assertThat(key).isNotNull();

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(key.getKey())
                .setExpectedIssuer("model-registry")
                .setExpectedAudience("model-registry")
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setRequireSubject()
                .build()
                .processToClaims(token);
        assertThat(claims.getClaimValueAsString("upn")).isEqualTo("admin");
        assertThat(claims.getStringListClaimValue("groups")).contains("ADMIN");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
                .isEqualTo(15 * 60);
    }

    @Test
    void theSigningKeyIsPublishedAsPemAndAmongTheTrustedKeys() throws Exception {
        Reply jwks = get("/auth/jwks", Api.NO_AUTH, "");
        String kid = new JsonWebKeySet(jwks.body()).getJsonWebKeys().get(0).getKeyId();
        Reply trusted = get("/auth/trusted-keys", Api.NO_AUTH, "");
        assertThat(trusted.status()).isEqualTo(200);
        assertThat(new JsonWebKeySet(trusted.body()).findJsonWebKey(kid, null, null, null))
                .isNotNull();
        assertThat(trusted.body()).doesNotContain("\"d\"");
        Reply pem = get("/auth/signing-key.pem", Api.NO_AUTH, "");
        assertThat(pem.status()).isEqualTo(200);
        assertThat(pem.body()).startsWith("-----BEGIN PUBLIC KEY-----").contains("-----END PUBLIC KEY-----");
    }

    @Test
    void wrongCredentialsAre401WithTheSameAnswerForUnknownUsers() {
        Reply wrong = post("/auth/token", credentials("admin", "not-the-password"));
        Reply unknown = post("/auth/token", credentials("nobody-" + System.nanoTime(), "whatever-it-is"));
        for (Reply r : List.of(wrong, unknown)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(r.body()).doesNotContain("not-the-password", "whatever-it-is");
        }
        assertThat(wrong.json().getString("detail")).isEqualTo(unknown.json().getString("detail"));
        assertThat(post("/auth/token", credentials("ADMIN", ADMIN_PASSWORD)).status())
                .as("user names are case-insensitive")
                .isEqualTo(200);
    }

    @Test
    void badTokenRequestsAreClientErrors() {
        Reply missing = post("/auth/token", "{\"username\":\"admin\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(fields(missing.json())).contains("password");
        assertThat(post("/auth/token", "{\"username\":\"admin\",\"password\":\"x\",\"extra\":1}")
                        .status())
                .isEqualTo(422);
        assertThat(post("/auth/token", "{").status()).isEqualTo(400);
    }

    @Test
    void passwordsNeverReachTheLogOrTheDatabaseInClear() throws Exception {
        post("/auth/token", credentials("admin", ADMIN_PASSWORD));
        post("/auth/token", credentials("admin", "a-wrong-password-123"));
        String log = Files.readString(Path.of(System.getProperty("registry.it.server.log")));
        assertThat(log).doesNotContain(ADMIN_PASSWORD, "a-wrong-password-123");
        assertThat(Api.count("SELECT count(*) FROM app_user WHERE username = 'admin' AND registry_admin"
                        + " AND password_hash LIKE 'PBKDF2WithHmacSHA256:600000:%'"))
                .isEqualTo(1);
        assertThat(Api.count("SELECT count(*) FROM app_user WHERE password_hash LIKE ?", "%" + ADMIN_PASSWORD + "%"))
                .isZero();
    }
}
