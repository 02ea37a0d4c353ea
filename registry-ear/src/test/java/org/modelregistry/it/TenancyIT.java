package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.patch;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Organizations and owners: members see their organization's models, owners (and administrators) change them, other
 * members get 403 and non-members 404, with nothing leaking through listings. Users and memberships are set up in
 * the database directly (user management has no API yet).
 */
class TenancyIT extends RegistryDeployment {

    private static final String PASSWORD = "tenancy-password-1";
    private static final UUID DEFAULT_ORG = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static String otherOrg;
    private static String aliceName;
    private static String bobName;
    private static String alice;
    private static String bob;
    private static String carol;

    @BeforeAll
    static void users() throws Exception {
        otherOrg = unique("org");
        UUID other = UUID.randomUUID();
        Api.update("INSERT INTO organization (id, slug, display_name) VALUES (?, ?, 'Other team')", other, otherOrg);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        aliceName = "alice-" + suffix;
        bobName = "bob-" + suffix;
        alice = user(aliceName, DEFAULT_ORG, "CONTRIBUTOR");
        bob = user(bobName, DEFAULT_ORG, "CONTRIBUTOR");
        carol = user("carol-" + suffix, other, "CONTRIBUTOR");
    }

    /** Creates a user with one membership and returns an Authorization header value for them. */
    private static String user(String name, UUID org, String role) throws Exception {
        UUID id = UUID.randomUUID();
        Api.update(
                "INSERT INTO app_user (id, username, password_hash, created_at, created_by, updated_at, updated_by,"
                        + " row_version) VALUES (?, ?, ?, now(), 'it', now(), 'it', 1)",
                id,
                name,
                hash(PASSWORD));
        Api.update("INSERT INTO membership (user_id, organization_id, role) VALUES (?, ?, ?)", id, org, role);
        Reply r = post(
                "/auth/token", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}", Api.NO_AUTH, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return "Bearer " + r.json().getString("access_token");
    }

    private static String hash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1000, 256))
                .getEncoded();
        return "PBKDF2WithHmacSHA256:1000:" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(key);
    }

    private static JsonObject aliceModel() {
        Reply r = post(
                "/models",
                "{\"group\":\"tenancy\",\"name\":\"" + unique("m") + "\",\"riskTier\":\"LOW\"}",
                "Authorization",
                alice);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void aContributorRegistersInTheirOrganizationAndOwnsTheModel() {
        JsonObject m = aliceModel();
        assertThat(m.getString("organization")).isEqualTo("default");
        assertThat(ModelApiIT.strings(m, "owners")).containsExactly(aliceName);
        assertThat(m.getString("createdBy")).isEqualTo(aliceName);
    }

    @Test
    void otherMembersMayReadButNotChangeAModel() {
        JsonObject m = aliceModel();
        String path = "/models/" + m.getString("id");
        assertThat(get(path, "Authorization", bob).status()).isEqualTo(200);
        Reply change = patch(path, "{\"description\":\"bob was here\"}", "Authorization", bob);
        assertThat(change.status()).isEqualTo(403);
        assertThat(change.contentType()).startsWith("application/problem+json");
        assertThat(post(path + "/versions", "{\"version\":\"1.0.0\"}", "Authorization", bob)
                        .status())
                .isEqualTo(403);
        assertThat(Api.delete(path, "Authorization", bob).status()).isEqualTo(403);

        assertThat(patch(path, "{\"description\":\"mine\"}", "Authorization", alice)
                        .status())
                .isEqualTo(200);
        assertThat(patch(path, "{\"owners\":[\"" + aliceName + "\",\"" + bobName + "\"]}", "Authorization", alice)
                        .status())
                .isEqualTo(200);
        assertThat(patch(path, "{\"description\":\"now bob may\"}", "Authorization", bob)
                        .status())
                .isEqualTo(200);
        // the registry administrator may change any model
        assertThat(patch(path, "{\"description\":\"admin\"}").status()).isEqualTo(200);
    }

    @Test
    void nonMembersSeeNothingOfAnotherOrganization() {
        JsonObject m = aliceModel();
        String path = "/models/" + m.getString("id");
        assertThat(get(path, "Authorization", carol).status()).isEqualTo(404);
        assertThat(patch(path, "{\"description\":\"x\"}", "Authorization", carol)
                        .status())
                .isEqualTo(404);
        assertThat(get(path + "/versions", "Authorization", carol).status()).isEqualTo(404);
        Reply list = get("/models?group=tenancy&limit=500", "Authorization", carol);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().getJsonArray("items")).isEmpty();
        assertThat(get("/models?group=tenancy&limit=500", "Authorization", bob)
                        .json()
                        .getJsonArray("items"))
                .isNotEmpty();

        // carol registers in her own organization, which alice cannot see or use
        Reply carols = post(
                "/models",
                "{\"group\":\"tenancy\",\"name\":\"" + unique("c") + "\",\"riskTier\":\"LOW\"}",
                "Authorization",
                carol);
        assertThat(carols.status()).isEqualTo(201);
        assertThat(carols.json().getString("organization")).isEqualTo(otherOrg);
        assertThat(get("/models/" + carols.json().getString("id"), "Authorization", alice)
                        .status())
                .isEqualTo(404);
        Reply intoOther = post(
                "/models",
                "{\"organization\":\"" + otherOrg + "\",\"group\":\"tenancy\",\"name\":\"" + unique("x")
                        + "\",\"riskTier\":\"LOW\"}",
                "Authorization",
                alice);
        assertThat(intoOther.status()).isEqualTo(404);
        assertThat(post(
                                "/models",
                                "{\"organization\":\"no-such-org\",\"group\":\"g\",\"name\":\"n\","
                                        + "\"riskTier\":\"LOW\"}",
                                "Authorization",
                                alice)
                        .status())
                .isEqualTo(404);
    }
}
