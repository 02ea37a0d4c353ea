package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.createModel;
import static org.modelregistry.it.Api.createVersion;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.patch;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;
import static org.modelregistry.it.ModelApiIT.fields;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** {@code /api/v1/models/{id}/versions}. */
class VersionApiIT extends RegistryDeployment {

    @Test
    void registersADraftVersionWithMetadata() {
        String model = createModel(unique("v"), "MEDIUM").getString("id");
        Reply r = post(
                "/models/" + model + "/versions",
                "{\"version\":\"1.4.0-rc.1+build.7\","
                        + "\"commitSha\":\"3f786850e387550fdab836ed7e6dc881de23001b\","
                        + "\"metadata\":{\"framework\":\"pytorch\",\"metrics\":{\"auc\":0.94}},"
                        + "\"sourceUri\":\"https://ci.example.com/runs/812\",\"description\":\"first\"}");
        assertThat(r.status()).isEqualTo(201);
        JsonObject v = r.json();
        assertThat(v.getString("state")).isEqualTo("DRAFT");
        assertThat(v.getString("version")).isEqualTo("1.4.0-rc.1+build.7");
        assertThat(v.getJsonObject("metadata")
                        .getJsonObject("metrics")
                        .getJsonNumber("auc")
                        .doubleValue())
                .isEqualTo(0.94);
        assertThat(r.header("Location")).endsWith("/models/" + model + "/versions/1.4.0-rc.1+build.7");

        Reply read = get("/models/" + model + "/versions/1.4.0-rc.1+build.7");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.json().getString("commitSha")).isEqualTo("3f786850e387550fdab836ed7e6dc881de23001b");
    }

    @Test
    void refusesInvalidVersionsWithTheirFields() {
        String model = createModel(unique("v"), "LOW").getString("id");
        Reply r = post(
                "/models/" + model + "/versions",
                "{\"version\":\"1.0\",\"commitSha\":\"abc\"," + "\"sourceUri\":\"not a uri\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(fields(r.json())).contains("version", "commitSha", "sourceUri");
        assertThat(post("/models/" + model + "/versions", "{\"version\":\"01.0.0\"}")
                        .status())
                .isEqualTo(422);
        assertThat(post("/models/" + model + "/versions", "{\"version\":\"1.0.0\",\"metadata\":[1]}")
                        .status())
                .isEqualTo(422);
        assertThat(post("/models/" + model + "/versions", "{}").status()).isEqualTo(422);
        assertThat(post("/models/" + UUID.randomUUID() + "/versions", "{\"version\":\"1.0.0\"}")
                        .status())
                .isEqualTo(404);
        assertThat(get("/models/" + model + "/versions/9.9.9").status()).isEqualTo(404);
    }

    /**
     * Registration checks owners on the model as the read cache holds it (no statement): an owner taken off the model
     * is refused at once, even with the model cached (read just before) and their token still valid.
     */
    @Test
    void anOwnerTakenOffAModelCannotRegisterVersionsOnTheNextRequest() {
        String name = Api.newMember("CONTRIBUTOR");
        String bearer = Api.bearerOf(name);
        Reply created = post(
                "/models",
                "{\"group\":\"owned\",\"name\":\"" + unique("owned")
                        + "\",\"riskTier\":\"LOW\",\"owners\":[\"admin\",\"" + name + "\"]}");
        assertThat(created.status()).isEqualTo(201);
        String path = "/models/" + created.json().getString("id");
        assertThat(get(path, "Authorization", bearer).status()).isEqualTo(200); // cached with both owners
        assertThat(post(path + "/versions", "{\"version\":\"1.0.0\"}", "Authorization", bearer)
                        .status())
                .isEqualTo(201);

        assertThat(patch(path, "{\"owners\":[\"admin\"]}").status()).isEqualTo(200);
        Reply refused = post(path + "/versions", "{\"version\":\"1.0.1\"}", "Authorization", bearer);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(get(path + "/versions/1.0.1").status()).isEqualTo(404);

        // a contributor who never owned it, and an unknown model, as before
        assertThat(post(path + "/versions", "{\"version\":\"1.0.2\"}", "Authorization", Api.member("CONTRIBUTOR"))
                        .status())
                .isEqualTo(403);
        assertThat(post(
                                "/models/" + UUID.randomUUID() + "/versions",
                                "{\"version\":\"1.0.0\"}",
                                "Authorization",
                                bearer)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aVersionIsUniqueWithinItsModel() {
        String model = createModel(unique("v"), "LOW").getString("id");
        createVersion(model, "2.0.0");
        Reply dup = post("/models/" + model + "/versions", "{\"version\":\"2.0.0\",\"description\":\"again\"}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(fields(dup.json())).containsExactly("version");
        assertThat(dup.json().getString("detail")).contains("already has version 2.0.0");
        // found by the unique key, not a look-up first: the refused one leaves no row and no audit record
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE action = 'version.created'"
                                + " AND details->>'modelId' = ? AND details->>'version' = '2.0.0'",
                        model))
                .isEqualTo(1);
        assertThat(get("/models/" + model + "/versions/2.0.0").body()).doesNotContain("again");
        // the same version string in another model is fine
        createVersion(createModel(unique("v"), "LOW").getString("id"), "2.0.0");
    }

    @Test
    void listsBySemanticVersionPrecedenceAcrossPages() {
        String model = createModel(unique("semver"), "LOW").getString("id");
        for (String v : List.of(
                "1.0.0",
                "1.10.0",
                "1.2.0",
                "1.0.0-rc.1",
                "2.0.0-alpha",
                "1.0.0-alpha.beta",
                "1.0.0-alpha.1",
                "1.0.0-alpha")) {
            createVersion(model, v);
        }
        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            Reply page = get(
                    "/models/" + model + "/versions?sort=semver&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json()
                    .getJsonArray("items")
                    .forEach(v -> order.add(v.asJsonObject().getString("version")));
            JsonValue next = page.json().get("nextCursor");
            cursor = next == null || next.getValueType() == JsonValue.ValueType.NULL
                    ? null
                    : ((JsonString) next).getString();
        } while (cursor != null);
        assertThat(order)
                .containsExactly(
                        "2.0.0-alpha",
                        "1.10.0",
                        "1.2.0",
                        "1.0.0",
                        "1.0.0-rc.1",
                        "1.0.0-alpha.beta",
                        "1.0.0-alpha.1",
                        "1.0.0-alpha");

        Reply created = get("/models/" + model + "/versions");
        assertThat(created.json().getJsonArray("items").getJsonObject(0).getString("version"))
                .isEqualTo("1.0.0");
        assertThat(get("/models/" + model + "/versions?sort=size").status()).isEqualTo(422);
        assertThat(get("/models/" + model + "/versions?state=DRAFT").json().getJsonArray("items"))
                .hasSize(8);
        assertThat(get("/models/" + model + "/versions?state=APPROVED").json().getJsonArray("items"))
                .isEmpty();
        // a cursor of another listing is refused
        String modelsCursor = get("/models?limit=1").json().getString("nextCursor");
        assertThat(get("/models/" + model + "/versions?cursor=" + modelsCursor).status())
                .isEqualTo(400);
    }

    @Test
    void mergePatchesMetadataWhileDraft() {
        String model = createModel(unique("v"), "LOW").getString("id");
        post(
                "/models/" + model + "/versions",
                "{\"version\":\"1.0.0\",\"metadata\":{\"a\":1,\"b\":{\"c\":2,\"d\":3}}}");
        String path = "/models/" + model + "/versions/1.0.0";
        Reply r = patch(path, "{\"metadata\":{\"a\":null,\"b\":{\"c\":20},\"e\":\"new\"}}", "If-Match", "\"1\"");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject metadata = r.json().getJsonObject("metadata");
        assertThat(metadata.containsKey("a")).isFalse();
        assertThat(metadata.getJsonObject("b").getInt("c")).isEqualTo(20);
        assertThat(metadata.getJsonObject("b").getInt("d")).isEqualTo(3);
        assertThat(metadata.getString("e")).isEqualTo("new");

        assertThat(patch(path, "{\"description\":\"x\"}", "If-Match", "\"1\"").status())
                .isEqualTo(412);
        Reply readOnly = patch(path, "{\"version\":\"2.0.0\",\"state\":\"APPROVED\"}");
        assertThat(readOnly.status()).isEqualTo(422);
        assertThat(fields(readOnly.json())).contains("version", "state");
    }

    @Test
    void aVersionThatLeftDraftIsFrozen() {
        String model = createModel(unique("v"), "HIGH").getString("id");
        createVersion(model, "1.0.0");
        // the lifecycle endpoints come with the governance issue; move the state as they will
        Api.update("UPDATE model_version SET state = 'IN_REVIEW' WHERE model_id = ?::uuid", model);

        Reply edit = patch("/models/" + model + "/versions/1.0.0", "{\"description\":\"sneaky\"}");
        assertThat(edit.status()).isEqualTo(409);
        assertThat(fields(edit.json())).contains("state");
        Reply artifact = post(
                "/models/" + model + "/versions/1.0.0/artifacts",
                "{\"type\":\"MODEL_CARD\",\"name\":\"card.md\",\"license\":\"CC-BY-4.0\"}");
        assertThat(artifact.status()).isEqualTo(409);
    }
}
