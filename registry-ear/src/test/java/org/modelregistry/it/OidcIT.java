package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Single sign-on: the test server trusts a stand-in OpenID Connect provider (issuer https://idp.example.test, its
 * JWKS a test file). Its users get the roles of their token in the "default" organization; its key can never pass
 * for the registry's own accounts.
 */
class OidcIT extends RegistryDeployment {

    private static final String ISSUER = "https://idp.example.test";
    private static RsaJsonWebKey provider;

    @BeforeAll
    static void providerKey() throws Exception {
        provider = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(
                Files.readString(Path.of(System.getProperty("registry.it.oidc.dir"), "provider-private-jwk.json")));
    }

    private static String providerToken(String issuer, String audience, String user, List<String> groups)
            throws Exception {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer);
        c.setAudience(audience);
        c.setSubject(user); // the provider's stable id of the user (here its user name, to keep tests readable)
        c.setClaim("upn", user);
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(5);
        c.setJwtId(UUID.randomUUID().toString());
        c.setStringListClaim("groups", groups);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setKey(provider.getPrivateKey());
        jws.setKeyIdHeaderValue(provider.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return "Bearer " + jws.getCompactSerialization();
    }

    @Test
    void providerUsersWorkWithTheRolesOfTheirToken() throws Exception {
        String user = "sso-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String token = providerToken(ISSUER, "registry-client", user, List.of("CONTRIBUTOR", "staff", "vpn-users"));
        assertThat(Api.get("/models?limit=1", "Authorization", token).status()).isEqualTo(200);
        Reply created = Api.post(
                "/models",
                "{\"group\":\"sso\",\"name\":\"" + Api.unique("m") + "\",\"riskTier\":\"LOW\"}",
                "Authorization",
                token);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getString("organization")).isEqualTo("default");
        assertThat(created.json().getString("createdBy")).isEqualTo("sso:idp.example.test/" + user);
        assertThat(ModelApiIT.strings(created.json(), "owners")).containsExactly("sso:idp.example.test/" + user);

        String viewer = providerToken(ISSUER, "registry-client", "viewer-" + user, List.of("VIEWER"));
        assertThat(Api.post("/models", "{}", "Authorization", viewer).status()).isEqualTo(403);
    }

    @Test
    void theProvidersKeyCannotImpersonateRegistryAccounts() throws Exception {
        // a token of the provider's key that claims the registry's issuer and the admin account
        String forged = providerToken("model-registry", "model-registry", "admin", List.of("ADMIN"));
        Reply users = Api.get("/users", "Authorization", forged);
        assertThat(users.status()).isIn(401, 403);
        assertThat(Api.get("/models?limit=5", "Authorization", forged).json().getJsonArray("items"))
                .isEmpty();
    }

    @Test
    void theProvidersAdminIsNotTheRegistrysAdmin() throws Exception {
        // a model of the registry's own admin account
        String model = Api.createModel("sso", "LOW").getString("id");
        // the identity provider has a user called "admin" too, with the CONTRIBUTOR role
        String token = providerToken(ISSUER, "registry-client", "admin", List.of("CONTRIBUTOR", "REVIEWER"));
        Reply patched = Api.patch("/models/" + model, "{\"description\":\"mine now\"}", "Authorization", token);
        assertThat(patched.status()).as(patched.body()).isEqualTo(403);
        Reply own = Api.post(
                "/models",
                "{\"group\":\"sso\",\"name\":\"" + Api.unique("m") + "\",\"riskTier\":\"LOW\"}",
                "Authorization",
                token);
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.json().getString("createdBy")).isEqualTo("sso:idp.example.test/admin");
        // and the registry's admin is not an owner of what the provider's admin registered... but may change it
        // as a registry administrator, which is recorded under the right name
        Reply byRealAdmin = Api.patch("/models/" + own.json().getString("id"), "{\"description\":\"checked\"}");
        assertThat(byRealAdmin.json().getString("updatedBy")).isEqualTo("admin");
    }

    @Test
    void otherIssuersAndAudiencesAreRefused() throws Exception {
        assertThat(Api.get(
                                "/models?limit=1",
                                "Authorization",
                                providerToken(
                                        "https://other-idp.example.test", "registry-client", "x", List.of("VIEWER")))
                        .status())
                .isEqualTo(401);
        assertThat(Api.get(
                                "/models?limit=1",
                                "Authorization",
                                providerToken(ISSUER, "someone-else", "x", List.of("VIEWER")))
                        .status())
                .isEqualTo(401);
    }
}
