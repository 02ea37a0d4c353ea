package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.patch;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * The caller cache and the read cache against the people they constrain: a user whose membership, account or role
 * is taken away while their grant is cached is refused on their very next request (their token still verifies and
 * still names the old roles); a write is read back at once; a cached model is never shown to another tenant.
 */
class CallerCacheIT extends RegistryDeployment {

    private static final String PASSWORD = "caller-cache-password";

    /** A user made through the API, and their bearer token. */
    private record Account(String id, String name, String bearer) {

        Reply patchUser(String mergePatch) {
            return patch("/users/" + id, mergePatch);
        }
    }

    private static Account account(String organization, String role, boolean registryAdmin) {
        String name = unique("cc");
        Reply created = post(
                "/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"registryAdmin\":" + registryAdmin
                        + ",\"memberships\":[{\"organization\":\"" + organization + "\",\"role\":\"" + role + "\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply token = post(
                "/auth/token", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}", Api.NO_AUTH, "");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return new Account(
                created.json().getString("id"), name, "Bearer " + token.json().getString("access_token"));
    }

    /** Reads the model enough times that the caller's grant is certainly served from the cache. */
    private static void readCached(String path, Account who) {
        for (int i = 0; i < 3; i++) {
            assertThat(get(path, "Authorization", who.bearer()).status()).isEqualTo(200);
        }
    }

    @Test
    void aMemberRemovedFromTheOrganizationIsRefusedOnTheVeryNextRequest() throws Exception {
        Account bob = account("default", "VIEWER", false);
        String path = "/models/" + Api.createModel(unique("cc-removed"), "LOW").getString("id");
        long hitsBefore = callerHits();
        readCached(path, bob);
        assertThat(callerHits()).as("bob's grant was served from the cache").isGreaterThan(hitsBefore);

        assertThat(bob.patchUser("{\"memberships\":[]}").status()).isEqualTo(200);

        assertThat(get(path, "Authorization", bob.bearer()).status())
                .as("the very next request after the removal")
                .isEqualTo(404);
        assertThat(get("/models?limit=50", "Authorization", bob.bearer()).json().getJsonArray("items"))
                .isEmpty();
    }

    @Test
    void aDeactivatedUserIsRefusedOnTheVeryNextRequestAndAReactivatedOneServedAgain() {
        Account carol = account("default", "CONTRIBUTOR", false);
        JsonObject model = Api.createModel(unique("cc-disabled"), "LOW");
        String path = "/models/" + model.getString("id");
        readCached(path, carol);

        assertThat(carol.patchUser("{\"active\":false}").status()).isEqualTo(200);

        assertThat(get(path, "Authorization", carol.bearer()).status()).isEqualTo(404);
        assertThat(post(
                                "/models",
                                "{\"organization\":\"default\",\"group\":\"cc\",\"name\":\"" + unique("m")
                                        + "\",\"riskTier\":\"LOW\"}",
                                "Authorization",
                                carol.bearer())
                        .status())
                .as("her token still names CONTRIBUTOR, but the account is off")
                .isEqualTo(404);

        assertThat(carol.patchUser("{\"active\":true}").status()).isEqualTo(200);
        assertThat(get(path, "Authorization", carol.bearer()).status()).isEqualTo(200);
    }

    @Test
    void aLoweredRoleIsRefusedOnTheVeryNextRequestAndARaisedOneGrantedAtOnce() {
        Account dave = account("default", "CONTRIBUTOR", false);
        Reply created = post(
                "/models",
                "{\"group\":\"" + unique("cc-lowered") + "\",\"name\":\"m\",\"riskTier\":\"LOW\"}",
                "Authorization",
                dave.bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String path = "/models/" + created.json().getString("id");
        for (int i = 0; i < 3; i++) {
            assertThat(patch(path, "{\"description\":\"mine " + i + "\"}", "Authorization", dave.bearer())
                            .status())
                    .isEqualTo(200);
        }

        assertThat(dave.patchUser("{\"memberships\":[{\"organization\":\"default\",\"role\":\"VIEWER\"}]}")
                        .status())
                .isEqualTo(200);

        Reply refused = patch(path, "{\"description\":\"still mine?\"}", "Authorization", dave.bearer());
        assertThat(refused.status())
                .as("an owner who is now only a VIEWER, with a token that still says CONTRIBUTOR")
                .isEqualTo(403);
        assertThat(get(path, "Authorization", dave.bearer()).json().getString("description"))
                .isEqualTo("mine 2");

        assertThat(dave.patchUser("{\"memberships\":[{\"organization\":\"default\",\"role\":\"CONTRIBUTOR\"}]}")
                        .status())
                .isEqualTo(200);
        assertThat(patch(path, "{\"description\":\"mine again\"}", "Authorization", dave.bearer())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aRevokedRegistryAdministrationIsRefusedOnTheVeryNextRequest() {
        Account erin = account("default", "ADMIN", true);
        for (int i = 0; i < 3; i++) {
            assertThat(get("/users", "Authorization", erin.bearer()).status()).isEqualTo(200);
        }

        assertThat(erin.patchUser("{\"registryAdmin\":false}").status()).isEqualTo(200);

        assertThat(get("/users", "Authorization", erin.bearer()).status()).isEqualTo(403);
    }

    @Test
    void everyWriteIsReadBackByTheNextRequest() {
        Account frank = account("default", "CONTRIBUTOR", false);
        Reply created = post(
                "/models",
                "{\"group\":\"" + unique("cc-fresh") + "\",\"name\":\"m\",\"riskTier\":\"LOW\",\"tags\":[\"a\"]}",
                "Authorization",
                frank.bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String path = "/models/" + created.json().getString("id");
        for (int i = 0; i < 20; i++) {
            readCached(path, frank);
            // the risk tier and description change every time (the tags stay: replacing them in this PATCH met a
            // 409 on model_tag's key in the write path, reported apart)
            String tier = i % 2 == 0 ? "HIGH" : "LOW";
            Reply patched = patch(
                    path,
                    "{\"description\":\"revision " + i + "\",\"riskTier\":\"" + tier + "\"}",
                    "Authorization",
                    frank.bearer());
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            Reply read = get(path, "Authorization", frank.bearer());
            assertThat(read.json().getString("description")).isEqualTo("revision " + i);
            assertThat(read.json().getString("riskTier")).isEqualTo(tier);
            assertThat(ModelApiIT.strings(read.json(), "tags")).containsExactly("a");
            assertThat(ModelApiIT.strings(read.json(), "owners")).containsExactly(frank.name());
            assertThat(read.header("ETag")).isEqualTo(patched.header("ETag"));
            assertThat(withoutCreatedAt(read.json())).isEqualTo(withoutCreatedAt(patched.json()));
            assertThat(read.json().getString("createdAt"))
                    .isEqualTo(created.json().getString("createdAt"));
        }
    }

    @Test
    void aCachedModelIsNeverShownToAnotherTenant() {
        String org = unique("cc-team");
        assertThat(post("/organizations", "{\"slug\":\"" + org + "\",\"displayName\":\"Team\"}")
                        .status())
                .isEqualTo(201);
        Account outsider = account(org, "ADMIN", false);
        Account member = account("default", "VIEWER", false);
        String path = "/models/" + Api.createModel(unique("cc-tenant"), "LOW").getString("id");
        // the model and both grants are in the caches before the outsider asks, and after
        for (int i = 0; i < 3; i++) {
            assertThat(get(path).status()).isEqualTo(200);
            assertThat(get(path, "Authorization", member.bearer()).status()).isEqualTo(200);
            assertThat(get(path, "Authorization", outsider.bearer()).status()).isEqualTo(404);
            assertThat(patch(path, "{\"description\":\"x\"}", "Authorization", outsider.bearer())
                            .status())
                    .isEqualTo(404);
        }
        // the outsider's own model, cached through its owner, stays theirs
        Reply theirs = post(
                "/models",
                "{\"organization\":\"" + org + "\",\"group\":\"cc\",\"name\":\"" + unique("o") + "\","
                        + "\"riskTier\":\"LOW\"}",
                "Authorization",
                outsider.bearer());
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        String theirPath = "/models/" + theirs.json().getString("id");
        assertThat(get(theirPath, "Authorization", outsider.bearer()).status()).isEqualTo(200);
        assertThat(get(theirPath, "Authorization", member.bearer()).status()).isEqualTo(404);
    }

    private static JsonObject withoutCreatedAt(JsonObject model) {
        return Json.createObjectBuilder(model).remove("createdAt").build();
    }

    private static final Pattern CALLER_HITS =
            Pattern.compile("registry_cache_reads\\{[^}]*cache=\"callers\"[^}]*result=\"hit\"[^}]*} ([0-9.E]+)");

    /** This server's caller-cache hits since start, from {@code /metrics}. */
    private static long callerHits() throws Exception {
        Matcher m = CALLER_HITS.matcher(PlatformIT.metricsText());
        assertThat(m.find())
                .as("registry_cache_reads of the callers cache in /metrics")
                .isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
