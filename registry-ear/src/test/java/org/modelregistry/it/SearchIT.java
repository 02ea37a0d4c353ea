package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Search: full text with facets, kept in step with committed changes only, and limited to one's organizations. On the
 * suite's server (the local index); {@link OpenSearchIT} runs the same tests against a server on OpenSearch.
 */
class SearchIT extends RegistryDeployment {

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A lexical search: these tests count exact word matches, which hybrid (the default) widens by meaning. */
    private static JsonObject search(String query, String... auth) {
        Reply r = get("/search?" + query + "&mode=lexical", auth);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonObject awaitHits(String query, int hits) {
        JsonObject[] last = {null};
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    last[0] = search(query);
                    return last[0].getInt("total") == hits;
                });
        return last[0];
    }

    private static String model(String group, String name, String tier, String description, String... tags) {
        StringBuilder t = new StringBuilder();
        for (String tag : tags) {
            t.append(t.length() == 0 ? "" : ",").append('"').append(tag).append('"');
        }
        Reply r = post(
                "/models",
                "{\"group\":\"" + group + "\",\"name\":\"" + name + "\",\"riskTier\":\"" + tier
                        + "\",\"description\":\"" + description + "\",\"tags\":[" + t + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("id");
    }

    @Test
    void wordsPhrasesPrefixesFuzzyTermsMetadataAndFacets() {
        String group = unique("search");
        String word = "quokka" + unique("w").replaceAll("[^a-z0-9]", "");
        String a = model(group, "alpha-" + word, "HIGH", "scores card payments for fraud", "fraud", "cards");
        model(group, "beta", "HIGH", "mentions " + word + " in passing, detects fraud", "fraud");
        model(group, "gamma", "LOW", "ranks search results with gradient boosting", "ranking");
        post(
                "/models/" + a + "/versions",
                "{\"version\":\"1.0.0\",\"metadata\":{\"framework\":\"pytorch\"," + "\"epochs\":12}}");

        JsonObject all = awaitHits("group=" + group + "&type=model", 3);
        assertThat(all.getJsonObject("facets").getJsonObject("riskTier").getInt("HIGH"))
                .isEqualTo(2);
        assertThat(all.getJsonObject("facets").getJsonObject("riskTier").getInt("LOW"))
                .isEqualTo(1);
        assertThat(all.getJsonObject("facets").getJsonObject("tags").getInt("fraud"))
                .isEqualTo(2);

        // a name match ranks above a description match, and the match is highlighted
        JsonObject named = awaitHits("q=" + word + "&type=model", 2);
        JsonObject first = named.getJsonArray("items").getJsonObject(0);
        assertThat(first.getString("name")).isEqualTo("alpha-" + word);
        assertThat(first.getJsonObject("highlights").getJsonArray("name").getString(0))
                .contains("<em>");

        assertThat(search("q=" + enc("\"detects fraud\"") + "&group=" + group).getInt("total"))
                .isEqualTo(1);
        assertThat(search("q=" + enc("gradi*") + "&group=" + group).getInt("total"))
                .isEqualTo(1);
        assertThat(search("q=" + enc("gamam~") + "&group=" + group).getInt("total"))
                .as("fuzzy")
                .isEqualTo(1);
        assertThat(search("q=" + enc("fraud -cards") + "&group=" + group + "&type=model")
                        .getInt("total"))
                .isEqualTo(1);
        JsonObject torch = awaitHits("q=" + enc("metadata.framework:pytorch") + "&group=" + group, 1);
        assertThat(torch.getJsonArray("items").getJsonObject(0).getString("type"))
                .isEqualTo("version");
        assertThat(search("q=" + enc("metadata.framework:tensorflow") + "&group=" + group)
                        .getInt("total"))
                .isZero();
        assertThat(search("sort=name&group=" + group + "&type=model").getJsonArray("items").stream()
                        .map(i -> i.asJsonObject().getString("name"))
                        .toList())
                .containsExactly("alpha-" + word, "beta", "gamma");
        assertThat(get("/search?type=dataset").status()).isEqualTo(422);
        assertThat(get("/search?cursor=not-a-cursor").status()).isEqualTo(400);
        assertThat(get("/search?sort=popularity").status()).isEqualTo(422);
        // 250 words make more than Lucene's 1,024 clauses: a clear 422 naming q, not a 500
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            many.append("w").append(i).append(' ');
        }
        Reply tooMany = get("/search?q=" + enc(many.toString().trim()));
        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(422);
        assertThat(tooMany.body()).contains("\"q\"");

        // similar models, in an organization of their own: by meaning once embedded, by shared words before, the
        // nearest among everything the caller sees (other tests' models of the default organization would crowd in)
        String org = unique("similar");
        assertThat(post("/organizations", "{\"slug\":\"" + org + "\",\"displayName\":\"Similar\"}")
                        .status())
                .isEqualTo(201);
        String viewer = Api.bearerOf(Api.newMemberOf(org, "VIEWER"));
        String own = inOrganization(org, "alpha-" + word, "scores card payments for fraud", "fraud", "cards");
        inOrganization(org, "beta", "mentions " + word + " in passing, detects fraud", "fraud");
        inOrganization(org, "gamma", "ranks search results with gradient boosting", "ranking");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(names(get("/models/" + own + "/similar", "Authorization", viewer)))
                        .contains("beta"));
        List<String> similar = names(get("/models/" + own + "/similar", "Authorization", viewer));
        assertThat(similar).doesNotContain("alpha-" + word);
        if (similar.contains("gamma")) {
            assertThat(similar.indexOf("beta"))
                    .as("fraud is nearer fraud than ranking")
                    .isLessThan(similar.indexOf("gamma"));
        }
    }

    private static List<String> names(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.jsonAny().asJsonArray().stream()
                .map(i -> i.asJsonObject().getString("name"))
                .toList();
    }

    private static String inOrganization(String org, String name, String description, String... tags) {
        Reply r = post(
                "/models",
                "{\"organization\":\"" + org + "\",\"group\":\"similar\",\"name\":\"" + name
                        + "\",\"riskTier\":\"LOW\",\"description\":\"" + description + "\",\"tags\":[\""
                        + String.join("\",\"", tags) + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("id");
    }

    @Test
    void nobodySeesAHitACountOrAFacetValueOfAnotherOrganization() {
        String org = unique("org");
        assertThat(post("/organizations", "{\"slug\":\"" + org + "\",\"displayName\":\"Search other\"}")
                        .status())
                .isEqualTo(201);
        String outsiderName = unique("o");
        post(
                "/users",
                "{\"username\":\"" + outsiderName + "\",\"password\":\"search-password-1\",\"memberships\":"
                        + "[{\"organization\":\"" + org + "\",\"role\":\"CONTRIBUTOR\"}]}");
        String outsider = "Bearer "
                + post(
                                "/auth/token",
                                "{\"username\":\"" + outsiderName + "\",\"password\":" + "\"search-password-1\"}",
                                Api.NO_AUTH,
                                "")
                        .json()
                        .getString("access_token");
        String secret = "wombat" + unique("s").replaceAll("[^a-z0-9]", "");
        Reply theirs = post(
                "/models",
                "{\"organization\":\"" + org + "\",\"group\":\"hidden\",\"name\":\"m-" + secret
                        + "\",\"riskTier\":\"CRITICAL\",\"tags\":[\"" + secret + "\"]}",
                "Authorization",
                outsider);
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        String viewer = Api.member("VIEWER");

        awaitHits("q=" + secret, 1); // the administrator sees every organization
        JsonObject mine = search("q=" + secret, "Authorization", outsider);
        assertThat(mine.getInt("total")).isEqualTo(1);
        JsonObject other = search("q=" + secret, "Authorization", viewer);
        assertThat(other.getInt("total")).isZero();
        assertThat(other.getJsonArray("items")).isEmpty();
        JsonObject facets = search("tag=" + secret, "Authorization", viewer).getJsonObject("facets");
        assertThat(facets.toString()).doesNotContain(secret).doesNotContain(org);
        assertThat(search("riskTier=CRITICAL&group=hidden", "Authorization", viewer)
                        .getInt("total"))
                .isZero();

        String loneName = unique("lone");
        post("/users", "{\"username\":\"" + loneName + "\",\"password\":\"search-password-1\"}");
        String lone = "Bearer "
                + post(
                                "/auth/token",
                                "{\"username\":\"" + loneName + "\",\"password\":" + "\"search-password-1\"}",
                                Api.NO_AUTH,
                                "")
                        .json()
                        .getString("access_token");
        Reply nothing = get("/search?q=" + secret, "Authorization", lone);
        assertThat(nothing.status())
                .as("a member of no organization holds no role: " + nothing.body())
                .isEqualTo(403);
    }

    @Test
    void thousandsOfRandomChangesIncludingRollbacksEndAsTheDatabaseSaysAndAReindexAgrees() throws Exception {
        String group = unique("consistency");
        Random random = new Random(42);
        List<String> ids = new ArrayList<>();
        String[] tiers = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};
        String[] tags = {"red", "green", "blue", "amber"};
        int rolledBack = 0;
        for (int i = 0; i < 2500; i++) {
            if (i % 500 == 499) {
                // midway too: the kept per-segment results must follow updates (deletions) and new segments
                Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> agrees(group));
            }
            int op = random.nextInt(10);
            if (ids.isEmpty() || op < 3) {
                String name = "m" + random.nextInt(400); // clashes roll back (409)
                Reply r = post(
                        "/models",
                        "{\"group\":\"" + group + "\",\"name\":\"" + name + "\",\"riskTier\":\""
                                + tiers[random.nextInt(4)] + "\",\"tags\":[\"" + tags[random.nextInt(4)] + "\"]}");
                if (r.status() == 201) {
                    ids.add(r.json().getString("id"));
                } else {
                    rolledBack++;
                }
            } else if (op < 7) {
                String id = ids.get(random.nextInt(ids.size()));
                Api.patch(
                        "/models/" + id,
                        "{\"riskTier\":\"" + tiers[random.nextInt(4)] + "\",\"tags\":[\"" + tags[random.nextInt(4)]
                                + "\"]}");
            } else if (op < 8) {
                String id = ids.get(random.nextInt(ids.size()));
                assertThat(Api.patch("/models/" + id, "{\"riskTier\":\"ENORMOUS\",\"tags\":[\"purple\"]}")
                                .status())
                        .isEqualTo(422); // rolled back: nothing to index
                rolledBack++;
            } else if (op < 9) {
                int at = random.nextInt(ids.size());
                int status = Api.delete("/models/" + ids.get(at)).status();
                assertThat(status)
                        .as("deleted, or kept because it has versions")
                        .isIn(204, 409);
                if (status == 204) {
                    ids.remove(at);
                }
            } else {
                String id = ids.get(random.nextInt(ids.size()));
                post("/models/" + id + "/versions", "{\"version\":\"1." + random.nextInt(1000) + ".0\"}");
            }
        }
        assertThat(rolledBack).isGreaterThan(50);

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> agrees(group));
        assertThat(search("group=" + group + "&tag=purple").getInt("total"))
                .as("rolled back")
                .isZero();
        if (keepsSegmentResults()) {
            // the suite's server keeps results of segments from 50 documents: they were kept and found again
            assertThat(searchKept("hit")).isPositive();
            assertThat(searchKept("miss")).isPositive();
        }

        Reply started = post("/admin/reindex", "");
        assertThat(started.status()).isEqualTo(202);
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get("/admin/reindex").json().getString("state").equals("DONE"));
        JsonObject done = get("/admin/reindex").json();
        assertThat(done.getJsonNumber("indexed").longValue()).isPositive();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> agrees(group));
    }

    /**
     * A model's versions copy its name, group, risk tier, tags and owners into their documents: a change to one of
     * those rewrites every version's document (found by the new values), a change to anything else (its description)
     * rewrites the model's document alone, not the thousand documents of a long-lived model.
     */
    @Test
    void aModelsVersionsAreRewrittenWhenTheFieldsTheyCopyChangeAndOnlyThen() throws Exception {
        String group = unique("copies");
        int versions = 40;
        String id = model(group, "churn", "LOW", "predicts churn", "before");
        for (int i = 0; i < versions; i++) {
            assertThat(post("/models/" + id + "/versions", "{\"version\":\"1." + i + ".0\"}")
                            .status())
                    .isEqualTo(201);
        }
        awaitHits("group=" + group + "&type=version&tag=before", versions);

        long before = documentsWritten("version");
        assertThat(Api.patch("/models/" + id, "{\"description\":\"forecasts attrition\"}")
                        .status())
                .isEqualTo(200);
        awaitHits("group=" + group + "&type=model&q=attrition", 1);
        assertThat(documentsWritten("version") - before)
                .as("a description edit rewrites the model's document, not its versions'")
                .isLessThan(versions);

        before = documentsWritten("version");
        assertThat(Api.patch("/models/" + id, "{\"tags\":[\"after\"],\"riskTier\":\"HIGH\"}")
                        .status())
                .isEqualTo(200);
        awaitHits("group=" + group + "&type=version&tag=after", versions);
        assertThat(search("group=" + group + "&type=version&tag=before").getInt("total"))
                .isZero();
        assertThat(search("group=" + group + "&type=version&riskTier=HIGH").getInt("total"))
                .isEqualTo(versions);
        assertThat(documentsWritten("version") - before).isGreaterThanOrEqualTo(versions);

        assertThat(Api.patch("/models/" + id, "{\"name\":\"attrition\"}").status())
                .isEqualTo(200);
        awaitHits("group=" + group + "&type=version&q=attrition", versions);
    }

    /** Documents of a type the index follower wrote since the server started. */
    private static long documentsWritten(String type) throws Exception {
        return PlatformIT.metricsText()
                .lines()
                .filter(l -> l.startsWith("registry_search_documents_written{") && l.contains("type=\"" + type + "\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no registry_search_documents_written{type=" + type + "}"));
    }

    /**
     * Does the server search a local index, whose per-segment results it keeps? Not with Elasticsearch or
     * OpenSearch, where the cluster works out every search ({@link OpenSearchIT} runs this suite there).
     */
    boolean keepsSegmentResults() {
        return true;
    }

    /** Every facet count and every id of the group's models equals what SQL says. */
    private static boolean agrees(String group) throws Exception {
        Map<String, Long> tierTruth = new TreeMap<>();
        Map<String, Long> tagTruth = new TreeMap<>();
        Set<String> idTruth = new HashSet<>();
        try (Connection c = Api.db()) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id::text, risk_tier FROM model WHERE model_group = ?")) {
                ps.setString(1, group);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        idTruth.add(rs.getString(1));
                        tierTruth.merge(rs.getString(2), 1L, Long::sum);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT t.tag, count(DISTINCT m.id) FROM model m JOIN"
                    + " model_tag t ON t.model_id = m.id WHERE m.model_group = ? GROUP BY t.tag")) {
                ps.setString(1, group);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tagTruth.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        JsonObject page = search("group=" + group + "&type=model&limit=100");
        Set<String> found = new HashSet<>();
        String cursor = null;
        do {
            JsonObject p = cursor == null ? page : search("group=" + group + "&type=model&limit=100&cursor=" + cursor);
            p.getJsonArray("items").forEach(i -> found.add(i.asJsonObject().getString("id")));
            cursor = p.containsKey("nextCursor") && !p.isNull("nextCursor") ? p.getString("nextCursor") : null;
        } while (cursor != null);
        Map<String, Long> tiers = counts(page.getJsonObject("facets").getJsonObject("riskTier"));
        Map<String, Long> tags = counts(page.getJsonObject("facets").getJsonObject("tags"));
        return page.getInt("total") == idTruth.size()
                && found.equals(idTruth)
                && tiers.equals(tierTruth)
                && tags.equals(tagTruth);
    }

    private static long searchKept(String result) throws Exception {
        String body = PlatformIT.metricsText();
        return body.lines()
                .filter(l -> l.startsWith("registry_search_kept{") && l.contains("result=\"" + result + "\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no registry_search_kept{result=" + result + "}"));
    }

    private static Map<String, Long> counts(JsonObject facet) {
        Map<String, Long> m = new HashMap<>();
        facet.forEach((k, v) -> m.put(k, ((JsonNumber) v).longValue()));
        return new TreeMap<>(m);
    }
}
