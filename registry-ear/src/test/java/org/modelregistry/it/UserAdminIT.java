package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.patch;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;
import static org.modelregistry.it.ModelApiIT.fields;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** {@code /api/v1/users} and {@code /api/v1/organizations}: administrators manage who may do what, where. */
class UserAdminIT extends RegistryDeployment {

    private static Reply token(String user, String password) {
        return post(
                "/auth/token", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", Api.NO_AUTH, "");
    }

    @Test
    void anAdministratorCreatesAnOrganizationAndAMemberWhoWorksInIt() {
        String org = unique("team");
        Reply created = post("/organizations", "{\"slug\":\"" + org + "\",\"displayName\":\"A team\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(post("/organizations", "{\"slug\":\"" + org + "\"}").status())
                .isEqualTo(409);
        assertThat(post("/organizations", "{\"slug\":\"Not Valid\"}").status()).isEqualTo(422);

        String name = unique("dave");
        Reply user = post(
                "/users",
                "{\"username\":\"" + name + "\",\"displayName\":\"Dave\","
                        + "\"email\":\"dave@example.com\",\"password\":\"daves-long-password\","
                        + "\"memberships\":[{\"organization\":\"" + org + "\",\"role\":\"CONTRIBUTOR\"}]}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        assertThat(user.header("Location")).endsWith("/users/" + user.json().getString("id"));
        assertThat(user.body()).doesNotContain("password", "daves-long-password", "PBKDF2");
        assertThat(user.json().getJsonArray("memberships").getJsonObject(0).getString("role"))
                .isEqualTo("CONTRIBUTOR");

        String dave = "Bearer " + token(name, "daves-long-password").json().getString("access_token");
        Reply model = post(
                "/models",
                "{\"group\":\"g\",\"name\":\"" + unique("m") + "\",\"riskTier\":\"LOW\"}",
                "Authorization",
                dave);
        assertThat(model.status()).as(model.body()).isEqualTo(201);
        assertThat(model.json().getString("organization")).isEqualTo(org);
        Reply orgs = get("/organizations", "Authorization", dave);
        assertThat(orgs.jsonAny().asJsonArray()).hasSize(1);
        assertThat(get("/users", "Authorization", dave).status()).isEqualTo(403);
        assertThat(post("/organizations", "{\"slug\":\"" + unique("x") + "\"}", "Authorization", dave)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void badUsersAreRefusedByField() {
        String name = unique("erin");
        Reply shortPassword = post("/users", "{\"username\":\"" + name + "\",\"password\":\"short\"}");
        assertThat(shortPassword.status()).isEqualTo(422);
        assertThat(fields(shortPassword.json())).contains("password");
        Reply unknownOrg = post(
                "/users",
                "{\"username\":\"" + name + "\",\"password\":\"long-enough-password\","
                        + "\"memberships\":[{\"organization\":\"no-such-org\",\"role\":\"VIEWER\"},"
                        + "{\"organization\":\"default\",\"role\":\"KING\"}]}");
        assertThat(unknownOrg.status()).isEqualTo(422);
        assertThat(fields(unknownOrg.json())).contains("memberships[1].role");
        assertThat(post("/users", "{\"username\":\"bad name\",\"password\":\"long-enough-password\"}")
                        .status())
                .isEqualTo(422);
        assertThat(post("/users", "{\"username\":\"admin\",\"password\":\"long-enough-password\"}")
                        .status())
                .isEqualTo(409);
        assertThat(get("/users/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void deactivatingAUserRevokesTheirAccessAndPasswordsCanBeReset() {
        String name = unique("fred");
        JsonObject fred = post(
                        "/users",
                        "{\"username\":\"" + name + "\",\"password\":\"freds-long-password\","
                                + "\"memberships\":[{\"organization\":\"default\",\"role\":\"VIEWER\"}]}")
                .json();
        String path = "/users/" + fred.getString("id");
        String fredsToken =
                "Bearer " + token(name, "freds-long-password").json().getString("access_token");
        createAdminModel();
        assertThat(get("/models?limit=5", "Authorization", fredsToken).json().getJsonArray("items"))
                .isNotEmpty();

        Reply reset =
                patch(path, "{\"password\":\"freds-new-password\"}", "If-Match", "\"" + fred.getInt("revision") + "\"");
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(token(name, "freds-long-password").status()).isEqualTo(401);
        assertThat(token(name, "freds-new-password").status()).isEqualTo(200);

        assertThat(patch(path, "{\"active\":false}").status()).isEqualTo(200);
        assertThat(token(name, "freds-new-password").status()).isEqualTo(401);
        // a token issued before the deactivation no longer reaches anything
        assertThat(get("/models?limit=5", "Authorization", fredsToken).json().getJsonArray("items"))
                .isEmpty();

        String adminId = get("/users").jsonAny().asJsonArray().stream()
                .map(v -> v.asJsonObject())
                .filter(u -> u.getString("username").equals("admin"))
                .findFirst()
                .orElseThrow()
                .getString("id");
        assertThat(patch("/users/" + adminId, "{\"active\":false}").status()).isEqualTo(409);
        assertThat(patch(path, "{\"username\":\"renamed\"}").status()).isEqualTo(422);
    }

    private static void createAdminModel() {
        Api.createModel("visible", "LOW");
    }
}
