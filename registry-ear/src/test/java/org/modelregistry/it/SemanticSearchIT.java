package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.patch;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Semantic and hybrid search through the real server: the embedding model runs inside Liberty (ONNX Runtime loaded by
 * the EAR's class loader), intent queries find models described with other words, no other organization's model
 * appears in or changes a result (k-NN filtered inside the search, /similar too), facet filters apply before the
 * nearest are chosen, bad input is a 422 naming the field, vectors never reach the API, and an updated description is
 * embedded again.
 */
class SemanticSearchIT extends RegistryDeployment {

    private static final String INTENT = "detect fraudulent card transactions";
    private static final String CHARGEBACK =
            "Gradient-boosted chargeback classifier: flags disputed payments" + " before they settle";

    private static String organization;
    private static String group;
    private static String chargeback;
    private static String crops;
    private static String viewer;

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String model(String organization, String group, String name, String tier, String description) {
        Reply r = post(
                "/models",
                "{" + (organization == null ? "" : "\"organization\":\"" + organization + "\",") + "\"group\":\""
                        + group + "\",\"name\":\"" + name + "\",\"riskTier\":\"" + tier + "\",\"description\":\""
                        + description + "\",\"tags\":[\"payments\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("id");
    }

    private static JsonObject search(String query, String... auth) {
        Reply r = get("/search?" + query, auth);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> ids(JsonObject result) {
        return result.getJsonArray("items").stream()
                .map(i -> i.asJsonObject().getString("id"))
                .toList();
    }

    /** Waits until the model's vector is in the index: a semantic search of its group finds it by meaning. */
    private static void awaitEmbedded(String id, String query, String group) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Reply r = get("/search?mode=semantic&type=model&limit=100&group=" + group + "&q=" + enc(query));
                    if (r.status() == 503) {
                        // still loading: the answer says when to ask again
                        assertThat(r.headers().firstValue("Retry-After")).isPresent();
                        return false;
                    }
                    return r.status() == 200 && ids(r.json()).contains(id);
                });
    }

    /**
     * The models live in an organization of their own, so that the suite's other searches (of the default
     * organization) neither see them nor change them.
     */
    @BeforeAll
    static void models() {
        organization = organization();
        group = unique("semantic");
        chargeback = model(organization, group, unique("txn-guard"), "HIGH", CHARGEBACK);
        crops = model(
                organization, group, unique("crop-yield"), "LOW", "Predicts wheat harvests from satellite images");
        viewer = viewerOf(organization);
        awaitEmbedded(chargeback, CHARGEBACK, group);
        awaitEmbedded(crops, "wheat harvests", group);
    }

    @Test
    void anIntentWrittenWithOtherWordsFindsTheModelByMeaningButNotByWords() {
        String q = "q=" + enc(INTENT) + "&group=" + group;
        JsonObject semantic = search(q + "&mode=semantic", "Authorization", viewer);
        assertThat(semantic.getString("mode")).isEqualTo("semantic");
        assertThat(ids(semantic)).first().isEqualTo(chargeback);
        JsonObject hit = semantic.getJsonArray("items").getJsonObject(0);
        assertThat(hit.getJsonObject("match").getJsonNumber("semanticScore").doubleValue())
                .isBetween(0.25, 1.0);
        assertThat(hit.getJsonObject("match").getJsonArray("words"))
                .as("no word of the query is in it")
                .isEmpty();
        assertThat(ids(semantic)).as("below the similarity floor").doesNotContain(crops);

        JsonObject hybrid = search(q, "Authorization", viewer); // the default mode
        assertThat(hybrid.getString("mode")).isEqualTo("hybrid");
        assertThat(ids(hybrid)).contains(chargeback);

        JsonObject lexical = search(q + "&mode=lexical", "Authorization", viewer);
        assertThat(lexical.getInt("total")).isZero();

        // a hit found by meaning only has no words, even one holding a word of the query: the words did not find it
        String partly = "q=" + enc(INTENT + " chargeback") + "&group=" + group;
        for (String mode : List.of("semantic", "hybrid")) {
            JsonObject found = search(partly + "&mode=" + mode, "Authorization", viewer);
            JsonObject byMeaning = found.getJsonArray("items").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(h -> h.getString("id").equals(chargeback))
                    .findFirst()
                    .orElseThrow();
            assertThat(byMeaning.getJsonObject("match").getJsonArray("words"))
                    .as(mode)
                    .isEmpty();
            assertThat(byMeaning.getJsonObject("match").containsKey("semanticScore"))
                    .as(mode)
                    .isTrue();
        }

        // a hybrid hit found by its words says which
        JsonObject worded = search("q=chargeback&group=" + group, "Authorization", viewer);
        JsonObject first = worded.getJsonArray("items").getJsonObject(0);
        assertThat(first.getString("id")).isEqualTo(chargeback);
        assertThat(first.getJsonObject("match").getJsonArray("words").getString(0))
                .isEqualTo("chargeback");
    }

    @Test
    void anotherOrganizationsNearTwinNeverAppearsNorChangesAResult() {
        // within the group: the other organization's twin below uses the same group name
        String q = "mode=semantic&group=" + group + "&q=" + enc(INTENT);
        JsonObject before = search(q, "Authorization", viewer);
        List<String> beforeIds = ids(before);
        JsonArray similarBefore = get("/models/" + chargeback + "/similar?limit=5", "Authorization", viewer)
                .jsonAny()
                .asJsonArray();

        String org = organization();
        // the same text in the same group name, one word added: nearer to the chargeback model than anything else
        String twin = model(org, group, unique("txn-guard"), "HIGH", CHARGEBACK + " quickly");
        awaitEmbedded(twin, CHARGEBACK, group);

        JsonObject after = search(q, "Authorization", viewer);
        assertThat(ids(after)).doesNotContain(twin).isEqualTo(beforeIds);
        assertThat(after.getInt("total")).isEqualTo(before.getInt("total"));
        assertThat(after.getJsonObject("facets")).isEqualTo(before.getJsonObject("facets"));
        assertThat(after.toString()).doesNotContain(org);
        assertThat(ids(search(q))).as("the administrator sees both").contains(twin, chargeback);
        JsonObject hybrid = search("q=" + enc(INTENT) + "&group=" + group, "Authorization", viewer);
        assertThat(ids(hybrid)).doesNotContain(twin);

        // /similar: the administrator finds the twin among the nearest, and the nearest of all is of another
        // organization than the viewer's (the twin, or a model of an earlier run with the same text); the viewer
        // neither sees it nor loses a neighbour
        JsonArray adminSimilar =
                get("/models/" + chargeback + "/similar?limit=50").jsonAny().asJsonArray();
        JsonObject twinHit = adminSimilar.stream()
                .map(JsonValue::asJsonObject)
                .filter(h -> h.getString("id").equals(twin))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the twin is not among " + adminSimilar));
        assertThat(twinHit.getJsonObject("match").getJsonNumber("semanticScore").doubleValue())
                .isGreaterThan(0.9);
        assertThat(adminSimilar.getJsonObject(0).getString("organization")).isNotEqualTo(organization);
        JsonArray similarAfter = get("/models/" + chargeback + "/similar?limit=5", "Authorization", viewer)
                .jsonAny()
                .asJsonArray();
        assertThat(similarAfter).isEqualTo(similarBefore);
        JsonArray nearest = get("/models/" + chargeback + "/similar?limit=1", "Authorization", viewer)
                .jsonAny()
                .asJsonArray();
        assertThat(nearest)
                .as("k=1 filtered inside k-NN: the twin, filtered out, does not leave the viewer with nothing")
                .hasSize(1);
        assertThat(nearest.getJsonObject(0).getString("id")).isNotEqualTo(twin);
        // and the other organization's member does not see the chargeback model through its twin
        assertThat(get("/models/" + chargeback + "/similar", "Authorization", viewerOf(org))
                        .status())
                .isEqualTo(404);
    }

    private static String organization() {
        String slug = unique("semorg");
        assertThat(post("/organizations", "{\"slug\":\"" + slug + "\",\"displayName\":\"Semantic " + slug + "\"}")
                        .status())
                .isEqualTo(201);
        return slug;
    }

    private static String viewerOf(String org) {
        String name = Api.newMemberOf(org, "VIEWER");
        return "Bearer "
                + post(
                                "/auth/token",
                                "{\"username\":\"" + name + "\",\"password\":\"" + Api.MEMBER_PASSWORD + "\"}",
                                Api.NO_AUTH,
                                "")
                        .json()
                        .getString("access_token");
    }

    /**
     * The attack on "filters apply inside k-NN": more better matches than k (100) that a filter leaves out. Filtered
     * after the nearest were chosen, they would fill every place and the one that qualifies would be missing.
     */
    @Test
    void aFacetFilterAppliesBeforeTheNearestAreChosen() {
        String crowd = unique("crowd");
        String description = "Gradient-boosted chargeback classifier for disputed card payments";
        List<String> created = new ArrayList<>();
        try {
            for (int i = 0; i < 101; i++) {
                created.add(model(organization, crowd, "cb-" + i, "HIGH", description));
            }
            String filteredIn = model(
                    organization,
                    crowd,
                    "ledger-notes",
                    "LOW",
                    "Gradient-boosted chargeback classifier for the ledger team");
            created.add(filteredIn);
            crowdedOut(crowd, description, filteredIn);
        } finally {
            // the crowd goes, and its vectors with it: the suite's other searches are not crowded either
            created.forEach(
                    id -> assertThat(Api.delete("/models/" + id).status()).isEqualTo(204));
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> search("group=" + crowd).getInt("total") == 0);
        assertThat(Api.count("SELECT count(*) FROM search_embedding WHERE model_id = ANY (?::uuid[])", (Object)
                        created.toArray(String[]::new)))
                .as("a deleted model's vector goes with it")
                .isZero();
    }

    private static void crowdedOut(String crowd, String description, String filteredIn) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Api.count(
                                "SELECT count(*) FROM search_embedding e JOIN model m ON m.id = e.model_id"
                                        + " WHERE m.model_group = ?",
                                crowd)
                        == 102);
        String q = "limit=100&q=" + enc(description) + "&group=" + crowd;
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> ids(search("mode=semantic&riskTier=LOW&" + q)).contains(filteredIn));
        JsonObject all = search("mode=semantic&" + q);
        assertThat(ids(all)).as("the crowd fills the 100 places").hasSize(100).doesNotContain(filteredIn);
        JsonObject low = search("mode=semantic&riskTier=LOW&" + q);
        assertThat(ids(low)).containsExactly(filteredIn);
        assertThat(low.getInt("total")).isEqualTo(1);
        assertThat(low.getJsonObject("facets").getJsonObject("riskTier").toString())
                .isEqualTo("{\"LOW\":1}");
        JsonObject hybrid = search("mode=hybrid&riskTier=LOW&" + q);
        assertThat(ids(hybrid)).contains(filteredIn).doesNotContainAnyElementsOf(ids(all));
    }

    @Test
    void badInputIsA422NamingTheFieldAndALongQueryIsNotRefused() {
        Reply mode = get("/search?q=fraud&mode=telepathic");
        assertThat(mode.status()).isEqualTo(422);
        assertThat(mode.body()).contains("\"mode\"");
        assertThat(mode.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        for (String q : List.of("", "&q=", "&q=" + enc("metadata.framework:pytorch"))) {
            Reply empty = get("/search?mode=semantic" + q);
            assertThat(empty.status()).as(q + " " + empty.body()).isEqualTo(422);
            assertThat(empty.body()).contains("\"q\"");
        }
        Reply sorted = get("/search?mode=semantic&q=fraud&sort=name");
        assertThat(sorted.status()).isEqualTo(422);
        assertThat(sorted.body()).contains("\"sort\"");
        // about 330 word pieces, beyond the model's 256-token window: embedded (split and averaged), not refused
        String longQuery =
                ("chargeback dispute card payment classifier fraud ").repeat(20).trim();
        assertThat(longQuery.length()).isLessThanOrEqualTo(1000);
        JsonObject found = search("mode=semantic&q=" + enc(longQuery) + "&group=" + group);
        assertThat(ids(found)).contains(chargeback);
        // hybrid sorted by name runs lexically and says so
        JsonObject byName = search("q=" + enc(INTENT) + "&sort=name&group=" + group);
        assertThat(byName.getString("mode")).isEqualTo("lexical");
        assertThat(byName.getString("fallback")).contains("sorted by name");
    }

    @Test
    void noVectorReachesTheApi() {
        List<String> bodies = List.of(
                get("/search?mode=semantic&q=" + enc(INTENT)).body(),
                get("/search?q=" + enc(INTENT)).body(),
                get("/search?type=model&limit=100").body(),
                get("/models/" + chargeback + "/similar").body(),
                get("/models/" + chargeback).body());
        for (String body : bodies) {
            assertThat(body).doesNotContain("embedding").doesNotContain("vector");
            JsonValue json = Json.createReader(new StringReader(body)).readValue();
            assertThat(longestNumberArray(json)).as(body).isLessThan(50);
        }
    }

    private static int longestNumberArray(JsonValue v) {
        return switch (v.getValueType()) {
            case ARRAY -> {
                JsonArray a = v.asJsonArray();
                int own = a.stream().allMatch(x -> x.getValueType() == JsonValue.ValueType.NUMBER) ? a.size() : 0;
                yield Math.max(
                        own,
                        a.stream()
                                .mapToInt(SemanticSearchIT::longestNumberArray)
                                .max()
                                .orElse(0));
            }
            case OBJECT ->
                v.asJsonObject().values().stream()
                        .mapToInt(SemanticSearchIT::longestNumberArray)
                        .max()
                        .orElse(0);
            default -> 0;
        };
    }

    @Test
    void anUpdatedDescriptionIsEmbeddedAgain() throws Exception {
        String id = model(organization, group, unique("reembed"), "LOW", "Forecasts electricity demand for the grid");
        awaitEmbedded(id, "electricity demand forecasting", group);
        String before = sha(id);
        Reply changed = patch("/models/" + id, "{\"description\":\"Translates customer emails from German\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        String q = "mode=semantic&group=" + group + "&q=" + enc("machine translation of German messages");
        awaitFirst(q, id);
        assertThat(sha(id)).isNotEqualTo(before);
        assertThat(Api.count("SELECT count(*) FROM search_embedding WHERE model_id = ?::uuid", id))
                .as("one vector per model and embedding model")
                .isEqualTo(1);
    }

    /** A model whose description says nothing is found by the words of its model card, once the card is stored. */
    @Test
    void theModelCardIsPartOfTheMeaning() throws Exception {
        String cards = unique("cards");
        String id = model(organization, cards, unique("internal"), "LOW", "Internal model of the research team");
        model(organization, cards, unique("internal"), "LOW", "Internal model of the platform team");
        Api.createVersion(id, "1.0.0");
        String path = "/models/" + id + "/versions/1.0.0";
        byte[] card = ("# Model card\n## Intended use\nForecasts how many beehives survive the winter from hive"
                        + " temperature and humidity sensors.\n## Limitations\nTrained on European apiaries only.\n")
                .getBytes(StandardCharsets.UTF_8);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(card));
        Reply artifact = post(
                path + "/artifacts",
                "{\"type\":\"MODEL_CARD\",\"name\":\"card.md\",\"sha256\":\"" + sha + "\",\"size\":" + card.length
                        + ",\"license\":\"CC-BY-4.0\"}");
        assertThat(artifact.status()).as(artifact.body()).isEqualTo(201);
        String q = "mode=semantic&group=" + cards + "&q=" + enc("predict honeybee colony losses over winter");
        assertThat(ids(search(q))).as("before the card: nothing of bees").doesNotContain(id);
        assertThat(Api.put(
                                path + "/artifacts/" + artifact.json().getString("id") + "/content",
                                BodyPublishers.ofByteArray(card))
                        .status())
                .isEqualTo(200);
        try {
            awaitFirst(q, id);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "not found by its card: " + search(q) + "; stored embedding embedded after the card: "
                            + Api.count(
                                    "SELECT count(*) FROM search_embedding e JOIN artifact a ON a.model_id ="
                                            + " e.model_id WHERE e.model_id = ?::uuid AND a.stored AND e.embedded_at"
                                            + " > a.updated_at",
                                    id),
                    e);
        }
        assertThat(search("mode=lexical&group=" + cards + "&q=" + enc("beehives"))
                        .getInt("total"))
                .as("the card's words are not in the lexical index")
                .isZero();
    }

    /** Waits (60 s at most) until the search ranks the model first. */
    private static void awaitFirst(String q, String id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    List<String> found = ids(search(q));
                    return !found.isEmpty() && found.get(0).equals(id);
                });
    }

    private static String sha(String id) throws Exception {
        try (var c = Api.db();
                var ps = c.prepareStatement("SELECT text_sha256 FROM search_embedding WHERE model_id = ?::uuid")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** ONNX Runtime and DJL's tokenizer load inside Liberty: the server logged the load and stored its model name. */
    @Test
    void theModelRunsInsideTheServer() throws Exception {
        Path log = LibertyServer.DIR.resolve("logs/messages.log");
        Awaitility.await() // messages.log is written asynchronously
                .atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(log).contains("Embedding model all-minilm-l6-v2-q@"));
        String messages = Files.readString(log);
        assertThat(messages).containsPattern("Embedding model all-minilm-l6-v2-q@\\S+ loaded in \\d+ ms");
        assertThat(messages).doesNotContain("Loading the embedding model");
        assertThat(Api.count(
                        "SELECT count(*) FROM search_embedding WHERE model_id = ?::uuid AND model_name LIKE"
                                + " 'all-minilm-l6-v2-q@%'",
                        chargeback))
                .isEqualTo(1);
    }
}
