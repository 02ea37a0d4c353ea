package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * The search on a real OpenSearch 2.19 node: the node runs in a JVM of its own on 127.0.0.1 ({@link
 * OpenSearchProcess}), the test server is pointed at it ({@code registry.search.backend=elasticsearch} and its hosts)
 * and started, and the search suite ({@link SearchIT}, with its comparison against what PostgreSQL says and its
 * rebuild), the audit search suite ({@link AuditSearchIT}: isolation, roles, time buckets, tampering), and the semantic
 * search, recommendation and relevance suites ({@link SemanticSearchIT}, {@link RecommendationIT}, {@link
 * SearchRelevanceIT}: on the node's k-NN) run against it. Then the server is stopped, its settings are put back, and
 * the node is stopped. Runs in the Failsafe execution of its own (crash), since it starts and stops the server
 * itself.
 */
@RegistryDeployment.OwnServer
class OpenSearchIT {

    private static final String SETTINGS = "opensearch-it";
    private static OpenSearchProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = OpenSearchProcess.startWithServer("opensearch", true, SETTINGS);
    }

    @AfterAll
    static void stop() throws Exception {
        OpenSearchProcess.stopWithServer(node, SETTINGS);
    }

    /** The search suite, against this class's server: the index on OpenSearch. */
    @Nested
    class SearchSuiteOnOpenSearch extends SearchIT {

        @Override
        boolean keepsSegmentResults() {
            return false; // the cluster works out every search
        }
    }

    /** The audit search suite, against this class's server: audit records indexed on OpenSearch. */
    @Nested
    class AuditSearchSuiteOnOpenSearch extends AuditSearchIT {}

    /**
     * The semantic search suite, against this class's server: the vectors in OpenSearch's k-NN field, the nearest
     * found by its filtered k-NN query (tenant isolation, facet filters before the nearest, no vector in the API).
     */
    @Nested
    class SemanticSuiteOnOpenSearch extends SemanticSearchIT {}

    /** The recommendations suite, against this class's server: similar models by OpenSearch's k-NN. */
    @Nested
    class RecommendationSuiteOnOpenSearch extends RecommendationIT {}

    /**
     * The relevance set and issue 18's goals on OpenSearch, its table in {@code target/relevance-opensearch.md} to
     * compare with the local index's {@code target/relevance.md} (the same queries and models).
     */
    @Nested
    class RelevanceSuiteOnOpenSearch extends SearchRelevanceIT {

        @Override
        Path reportFile() {
            return Path.of("target/relevance-opensearch.md");
        }
    }

    @Test
    void theModelsVectorsAreAKnnFieldOfTheNode() {
        JsonObject mapping = json(node.get("/catalog-read/_mapping"));
        String properties = mapping.values().iterator().next().toString();
        assertThat(properties)
                .contains("\"vector\":{\"type\":\"knn_vector\",\"dimension\":384")
                .contains("\"engine\":\"lucene\"")
                .contains("\"space_type\":\"cosinesimil\"");
        JsonObject settings = json(node.get("/catalog-read/_settings?flat_settings=true"));
        assertThat(settings.values().iterator().next().toString()).contains("\"index.knn\":\"true\"");
    }

    @Test
    void theDocumentsLiveOnTheNodeWithTheRegistrysAnalyzersAndThePositionIsShared() {
        String word = "numbat" + unique("w").replaceAll("[^a-z0-9]", "");
        JsonObject model = Api.createModel(unique("os"), "LOW", word);
        String id = model.getString("id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> get("/search?tag=" + word).json().getInt("total") == 1);

        // the node holds the model's document: the registry did not answer from a local index
        JsonObject count = json(node.get(
                "/catalog-read/_count?q=" + URLEncoder.encode("objectId:\"" + id + "\"", StandardCharsets.UTF_8)));
        assertThat(count.getInt("count")).isEqualTo(1);
        JsonObject settings = json(node.get("/catalog-read/_settings?flat_settings=true"));
        String indexSettings = settings.values().iterator().next().toString();
        assertThat(indexSettings)
                .contains("\"index.max_result_window\":\"10100\"")
                .contains("porter_stem")
                .contains("asciifolding");
        // one position for every server, in the database, at or after the model's audit record
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Api.count(
                                "SELECT count(*) FROM search_position WHERE backend = 'elasticsearch' AND position >="
                                        + " (SELECT max(seq) FROM audit_event WHERE object_id = ?::uuid)",
                                id)
                        == 1);
    }

    @Test
    void aForgedCursorAtTheDeepestPageIsServedAndOneBeyondIsRefusedNeverA500() {
        // the cluster's default window (10,000) would refuse from 10,000 + size 100 with an error: a 500
        Reply deepest = get("/search?limit=100&cursor=" + cursor(10_000));
        assertThat(deepest.status()).as(deepest.body()).isEqualTo(200);
        assertThat(deepest.json().containsKey("nextCursor")).isFalse();
        Reply beyond = get("/search?limit=100&cursor=" + cursor(10_001));
        assertThat(beyond.status()).as(beyond.body()).isEqualTo(422);
        assertThat(beyond.body()).contains("cursor");
    }

    /** A search cursor as the API makes them ({@code Cursor.encode("search", offset)}). */
    private static String cursor(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("search\u001f" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject json(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readObject();
    }
}
