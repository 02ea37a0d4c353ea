package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.count;
import static org.modelregistry.it.Api.createModel;
import static org.modelregistry.it.Api.createVersion;
import static org.modelregistry.it.Api.delete;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.patch;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** {@code /api/v1/models} through the real stack: Liberty, the EJBs, EclipseLink and PostgreSQL. */
class ModelApiIT extends RegistryDeployment {

    @Test
    void createsAModelWithLocationEtagAndTheCallerAsOwner() {
        String name = unique("fraud");
        Reply r = post(
                "/models",
                "{\"group\":\"payments\",\"name\":\"" + name + "\",\"riskTier\":\"HIGH\","
                        + "\"description\":\"Scores payments\",\"tags\":[\"fraud\",\"xgboost\",\"fraud\"]}");

        assertThat(r.status()).isEqualTo(201);
        JsonObject m = r.json();
        assertThat(r.header("Location")).isEqualTo(Api.API + "/models/" + m.getString("id"));
        assertThat(r.header("ETag")).isEqualTo("\"1\"");
        assertThat(m.getString("group")).isEqualTo("payments");
        assertThat(m.getString("name")).isEqualTo(name);
        assertThat(m.getString("riskTier")).isEqualTo("HIGH");
        assertThat(m.getString("organization")).isEqualTo("default");
        assertThat(strings(m, "tags")).containsExactly("fraud", "xgboost");
        assertThat(strings(m, "owners")).containsExactly("admin");
        assertThat(m.getString("createdBy")).isEqualTo("admin");
        assertThat(m.getInt("revision")).isEqualTo(1);
        // UUIDv7: time-ordered ids
        assertThat(UUID.fromString(m.getString("id")).version()).isEqualTo(7);

        Reply read = get("/models/" + m.getString("id"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.json().getString("description")).isEqualTo("Scores payments");
        assertThat(get("/models/" + m.getString("id"), "If-None-Match", "\"1\"").status())
                .isEqualTo(304);
    }

    @Test
    void writesOneAuditEventCarryingTheRequestId() {
        String requestId = "it-" + UUID.randomUUID();
        Reply r = post(
                "/models",
                "{\"group\":\"audit\",\"name\":\"" + unique("a") + "\",\"riskTier\":\"LOW\"}",
                "X-Request-Id",
                requestId);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(count(
                        "SELECT count(*) FROM audit_event WHERE object_id = ?::uuid AND action = 'model.created'"
                                + " AND request_id = ?",
                        r.json().getString("id"),
                        requestId))
                .isEqualTo(1);
    }

    @Test
    void refusesADuplicateNameWith409() {
        JsonObject m = createModel("dupes", "LOW");
        Reply r =
                post("/models", "{\"group\":\"dupes\",\"name\":\"" + m.getString("name") + "\",\"riskTier\":\"LOW\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("name");
    }

    @Test
    void namesEveryInvalidFieldAndWritesNothing() {
        long before = count("SELECT count(*) FROM model");
        Reply r = post(
                "/models",
                "{\"group\":\"Not A Label\",\"name\":\"-bad-\",\"tags\":[\"UPPER\"]," + "\"owners\":[\"a b\"]}");
        assertThat(r.status()).isEqualTo(422);
        JsonObject problem = r.json();
        assertThat(problem.getString("type")).endsWith("/invalid-input");
        assertThat(problem.getInt("status")).isEqualTo(422);
        assertThat(fields(problem)).contains("group", "name", "riskTier", "tags[0]", "owners[0]");
        assertThat(count("SELECT count(*) FROM model")).isEqualTo(before);
    }

    @Test
    void refusesUnknownFieldsAndWrongTypes() {
        Reply r = post("/models", "{\"group\":\"g\",\"name\":\"n\",\"riskTeir\":\"LOW\",\"tags\":\"x\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(fields(r.json())).contains("riskTeir", "tags");
    }

    @Test
    void malformedBodiesAreProblemsNever500() {
        Reply broken = post("/models", "{\"group\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(fields(broken.json())).contains("body");

        assertThat(post("/models", "").status()).isEqualTo(400);
        assertThat(post("/models", "[1,2]").status()).isIn(400, 422);
        assertThat(post("/models", "null").status()).isEqualTo(400);

        Reply text =
                Api.send("POST", "/models", HttpRequest.BodyPublishers.ofString("x"), "Content-Type", "text/plain");
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.contentType()).startsWith("application/problem+json");

        Reply unknown = get("/no-such-thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        Reply method = Api.send(
                "PUT", "/models", HttpRequest.BodyPublishers.ofString("{}"), "Content-Type", "application/json");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownOrMalformedIdsAre404() {
        assertThat(get("/models/" + UUID.randomUUID()).status()).isEqualTo(404);
        Reply notUuid = get("/models/not-a-uuid");
        assertThat(notUuid.status()).isEqualTo(404);
        assertThat(notUuid.contentType()).startsWith("application/problem+json");
    }

    @Test
    void listsWithFiltersAndKeysetPagination() {
        String group = unique("list");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createModel(group, i % 2 == 0 ? "HIGH" : "LOW", i < 2 ? "nlp" : "vision")
                    .getString("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = get("/models?group=" + group + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json()
                    .getJsonArray("items")
                    .forEach(v -> seen.add(v.asJsonObject().getString("id")));
            JsonValue next = page.json().get("nextCursor");
            cursor = next == null || next.getValueType() == JsonValue.ValueType.NULL
                    ? null
                    : ((JsonString) next).getString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created); // creation order, no duplicates, nothing missing

        assertThat(ids(get("/models?group=" + group + "&riskTier=high"))).hasSize(3);
        assertThat(ids(get("/models?group=" + group + "&tag=nlp"))).containsExactly(created.get(0), created.get(1));
        assertThat(ids(get("/models?group=" + group + "&owner=admin"))).hasSize(5);
        assertThat(ids(get("/models?group=" + group + "&owner=somebody-else"))).isEmpty();
    }

    @Test
    void badListingParametersAreClientErrors() {
        assertThat(get("/models?limit=0").status()).isEqualTo(422);
        assertThat(get("/models?limit=501").status()).isEqualTo(422);
        assertThat(get("/models?limit=ten").status()).isEqualTo(400);
        assertThat(get("/models?riskTier=HUGE").status()).isEqualTo(422);
        assertThat(get("/models?cursor=garbage!").status()).isEqualTo(400);
        assertThat(get("/models?limit=500").status()).isEqualTo(200);
    }

    @Test
    void tagsCanBeReplacedAndReorderedAgainAndAgainBetweenReads() {
        JsonObject m = createModel(unique("retag"), "LOW", "a");
        String path = "/models/" + m.getString("id");
        List<List<String>> rounds = List.of(
                List.of("t", "u"),
                List.of("u", "t"),
                List.of("u"),
                List.of("v", "w", "x"),
                List.of("x", "v"),
                List.of("a"));
        for (List<String> tags : rounds) {
            assertThat(get(path).status()).isEqualTo(200); // read (and cached) before every change
            String list = tags.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",", "[", "]"));
            Reply retagged = patch(path, "{\"tags\":" + list + "}");
            assertThat(retagged.status()).as(retagged.body()).isEqualTo(200);
            assertThat(strings(retagged.json(), "tags")).containsExactlyElementsOf(tags);
            Reply described = patch(path, "{\"description\":\"after " + String.join(" ", tags) + "\"}");
            assertThat(described.status()).as(described.body()).isEqualTo(200);
            assertThat(strings(get(path).json(), "tags")).containsExactlyElementsOf(tags);
        }
    }

    @Test
    void mergePatchChangesRemovesAndChecksTheEtag() {
        JsonObject m = createModel(unique("patch"), "LOW", "a");
        String path = "/models/" + m.getString("id");

        Reply changed = patch(
                path,
                "{\"description\":\"now described\",\"tags\":[\"b\",\"c\"],\"riskTier\":\"HIGH\"}",
                "If-Match",
                "\"1\"");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"2\"");
        assertThat(changed.json().getString("description")).isEqualTo("now described");
        assertThat(strings(changed.json(), "tags")).containsExactly("b", "c");
        assertThat(changed.json().getString("riskTier")).isEqualTo("HIGH");

        Reply removed = patch(path, "{\"description\":null}");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().containsKey("description")).isFalse();

        assertThat(patch(path, "{\"description\":\"stale\"}", "If-Match", "\"1\"")
                        .status())
                .isEqualTo(412);
        assertThat(patch(path, "{\"description\":\"odd\"}", "If-Match", "garbage")
                        .status())
                .isEqualTo(412);
        assertThat(get(path).json().getInt("revision")).isEqualTo(3);

        Reply readOnly = patch(path, "{\"id\":\"x\",\"createdBy\":\"me\"}");
        assertThat(readOnly.status()).isEqualTo(422);
        assertThat(fields(readOnly.json())).contains("id", "createdBy");
        assertThat(patch(path, "{\"owners\":[]}").status()).isEqualTo(422);
        assertThat(patch(path, "{\"riskTier\":\"NOPE\"}").status()).isEqualTo(422);
        assertThat(patch("/models/" + UUID.randomUUID(), "{}").status()).isEqualTo(404);
    }

    @Test
    void renamingOntoAnExistingNameIs409() {
        String group = unique("rename");
        JsonObject a = createModel(group, "LOW");
        JsonObject b = createModel(group, "LOW");
        Reply r = patch("/models/" + b.getString("id"), "{\"name\":\"" + a.getString("name") + "\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(get("/models/" + b.getString("id")).json().getString("name")).isEqualTo(b.getString("name"));
    }

    @Test
    void deletesOnlyModelsWithoutVersions() {
        JsonObject withVersion = createModel(unique("del"), "LOW");
        createVersion(withVersion.getString("id"), "1.0.0");
        Reply refused = delete("/models/" + withVersion.getString("id"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(fields(refused.json())).contains("versions");

        JsonObject empty = createModel(unique("del"), "LOW");
        String path = "/models/" + empty.getString("id");
        assertThat(delete(path, "If-Match", "\"7\"").status()).isEqualTo(412);
        assertThat(delete(path, "If-Match", "\"1\"").status()).isEqualTo(204);
        assertThat(get(path).status()).isEqualTo(404);
        assertThat(delete(path).status()).isEqualTo(404);
        assertThat(count(
                        "SELECT count(*) FROM audit_event WHERE object_id = ?::uuid AND action = 'model.deleted'",
                        empty.getString("id")))
                .isEqualTo(1);
    }

    static Set<String> fields(JsonObject problem) {
        Set<String> out = new HashSet<>();
        problem.getJsonArray("errors").forEach(e -> out.add(e.asJsonObject().getString("field")));
        return out;
    }

    static List<String> strings(JsonObject o, String key) {
        return o.getJsonArray(key).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    static List<String> ids(Reply page) {
        assertThat(page.status()).isEqualTo(200);
        return page.json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("id"))
                .toList();
    }
}
