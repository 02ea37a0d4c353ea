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
import java.util.Map;
import java.util.logging.Logger;
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
 * rebuild) and the audit search suite ({@link AuditSearchIT}: isolation, roles, time buckets, tampering) run against
 * it. Then the server is stopped, its settings are put back, and the node is stopped. Runs in
 * the Failsafe execution of its own (crash), since it starts and stops the server itself.
 */
@RegistryDeployment.OwnServer
class OpenSearchIT {

    private static final Logger LOG = Logger.getLogger(OpenSearchIT.class.getName());
    private static final String SETTINGS = "opensearch-it";
    private static OpenSearchProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = new OpenSearchProcess(
                Path.of(System.getProperty("registry.it.data.dir", "target/it-data"))
                        .resolve("opensearch"),
                Integer.getInteger("registry.it.opensearch.port", 19200),
                Integer.getInteger("registry.it.opensearch.transport.port", 19300));
        Duration up = node.start();
        LOG.info(() -> "OpenSearch node up in " + up.toMillis() + " ms");
        // no registry.search.elasticsearch.version: the server asks the node which it is
        LibertyServer.overrideVariables(
                SETTINGS,
                Map.of(
                        "registry.search.backend", "elasticsearch",
                        "registry.search.elasticsearch.hosts", node.host(),
                        "registry.search.elasticsearch.protocol", "http"));
        LibertyServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            LibertyServer.stop();
        } finally {
            try {
                LibertyServer.overrideVariables(SETTINGS, null);
            } finally {
                if (node != null) {
                    node.stop();
                }
            }
        }
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
