package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;
import static org.modelregistry.it.ModelApiIT.fields;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** Service accounts: API keys for CI pipelines, shown once, exchangeable for tokens, revocable. */
class ServiceAccountIT extends RegistryDeployment {

    private static Reply exchange(String apiKey) {
        return post("/auth/token", "{\"apiKey\":\"" + apiKey + "\"}", Api.NO_AUTH, "");
    }

    @Test
    void aPipelineRegistersModelsWithItsKeyUntilTheKeyIsRevoked() throws Exception {
        String name = unique("ci");
        Reply created = post(
                "/service-accounts",
                "{\"name\":\"" + name + "\",\"organization\":\"default\","
                        + "\"role\":\"CONTRIBUTOR\",\"expiresInDays\":30}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String apiKey = created.json().getString("apiKey");
        JsonObject account = created.json().getJsonObject("account");
        assertThat(apiKey).startsWith("mr_" + account.getString("keyPrefix") + "_");
        assertThat(account.getString("principal")).isEqualTo("svc+" + name);

        Reply listed = get("/service-accounts");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(name).doesNotContain(apiKey);

        Reply token = exchange(apiKey);
        assertThat(token.status()).isEqualTo(200);
        String bearer = "Bearer " + token.json().getString("access_token");
        Reply model = post(
                "/models",
                "{\"group\":\"ci\",\"name\":\"" + unique("m") + "\",\"riskTier\":\"LOW\"}",
                "Authorization",
                bearer);
        assertThat(model.status()).as(model.body()).isEqualTo(201);
        assertThat(ModelApiIT.strings(model.json(), "owners")).containsExactly("svc+" + name);
        assertThat(get("/service-accounts", "Authorization", bearer).status()).isEqualTo(403);
        assertThat(Api.count("SELECT count(*) FROM service_account WHERE name = ? AND last_used_at IS NOT NULL", name))
                .isEqualTo(1);

        assertThat(Api.delete("/service-accounts/" + account.getString("id")).status())
                .isEqualTo(204);
        assertThat(exchange(apiKey).status()).isEqualTo(401);
        // a token obtained before the revocation reaches nothing any more
        assertThat(get("/models/" + model.json().getString("id"), "Authorization", bearer)
                        .status())
                .isEqualTo(404);

        String log = Files.readString(Path.of(System.getProperty("registry.it.server.log")));
        assertThat(log).doesNotContain(apiKey);
    }

    @Test
    void badRequestsAndBadKeys() {
        assertThat(post(
                                "/service-accounts",
                                "{\"name\":\"x\",\"organization\":\"default\",\"role\":\"VIEWER\","
                                        + "\"expiresInDays\":0}")
                        .status())
                .isEqualTo(422);
        Reply bad = post("/service-accounts", "{\"name\":\"Bad Name\",\"role\":\"KING\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(fields(bad.json())).contains("role", "organization");
        assertThat(post("/service-accounts", "{\"name\":\"x\",\"organization\":\"nowhere\",\"role\":\"VIEWER\"}")
                        .status())
                .isEqualTo(422);
        String name = unique("dup");
        assertThat(post(
                                "/service-accounts",
                                "{\"name\":\"" + name + "\",\"organization\":\"default\"," + "\"role\":\"VIEWER\"}")
                        .status())
                .isEqualTo(201);
        assertThat(post(
                                "/service-accounts",
                                "{\"name\":\"" + name + "\",\"organization\":\"default\"," + "\"role\":\"VIEWER\"}")
                        .status())
                .isEqualTo(409);

        assertThat(exchange("mr_AAAAAAAAAAAA_" + "x".repeat(43)).status()).isEqualTo(401);
        assertThat(exchange("garbage").status()).isEqualTo(401);
        assertThat(post("/auth/token", "{\"apiKey\":\"k\",\"username\":\"admin\"}", Api.NO_AUTH, "")
                        .status())
                .isEqualTo(422);
        assertThat(Api.delete("/service-accounts/" + UUID.randomUUID()).status())
                .isEqualTo(404);
    }
}
