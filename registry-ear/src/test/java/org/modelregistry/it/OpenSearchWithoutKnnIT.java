package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * The registry on a search cluster that does not take vector fields (an OpenSearch node without its k-NN plugin): the
 * server starts and says in its log why semantic search is off, lexical search works, {@code mode=semantic} is 422 on
 * {@code mode}, a hybrid search runs lexically and says so, and similar models are found by their words. Runs in the
 * Failsafe execution of its own (crash), since it starts and stops the server itself.
 */
@RegistryDeployment.OwnServer
class OpenSearchWithoutKnnIT {

    private static final String SETTINGS = "opensearch-without-knn-it";
    private static OpenSearchProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = OpenSearchProcess.startWithServer("opensearch-without-knn", false, SETTINGS);
    }

    @AfterAll
    static void stop() throws Exception {
        OpenSearchProcess.stopWithServer(node, SETTINGS);
    }

    @Test
    void theServerSaysWhySemanticSearchIsOffAndSearchesByWords() throws Exception {
        assertThat(node.get("/_cat/plugins").body()).doesNotContain("KNNPlugin");
        Path log = LibertyServer.DIR.resolve("logs/messages.log");
        Awaitility.await() // messages.log is written asynchronously
                .atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(log).contains("does not take the models' vector field"));
        assertThat(Files.readString(log)).contains("semantic search is off, lexical search works");

        String word = "quokka" + unique("w").replaceAll("[^a-z0-9]", "");
        String group = unique("noknn");
        JsonObject model = Api.createModel(group, "LOW", word);
        JsonObject twin = Api.createModel(group, "LOW", word);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> get("/search?type=model&tag=" + word).json().getInt("total") == 2);

        Reply semantic = get("/search?mode=semantic&q=" + word);
        assertThat(semantic.status()).as(semantic.body()).isEqualTo(422);
        assertThat(semantic.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(semantic.body()).contains("mode");

        Reply hybrid = get("/search?type=model&q=" + word);
        assertThat(hybrid.status()).as(hybrid.body()).isEqualTo(200);
        assertThat(hybrid.json().getString("mode")).isEqualTo("lexical");
        assertThat(hybrid.json().getString("fallback")).contains("semantic search is off");
        assertThat(hybrid.json().getInt("total")).isEqualTo(2);

        Reply similar = get("/models/" + model.getString("id") + "/similar");
        assertThat(similar.status()).as(similar.body()).isEqualTo(200);
        assertThat(similar.jsonAny().asJsonArray())
                .extracting(h -> h.asJsonObject().getString("id"))
                .contains(twin.getString("id"));
        for (JsonValue hit : similar.jsonAny().asJsonArray()) {
            JsonValue match = hit.asJsonObject().get("match");
            assertThat(match == null
                            || match.getValueType() == JsonValue.ValueType.NULL
                            || !match.asJsonObject().containsKey("semanticScore"))
                    .as("a similar model found by meaning on a cluster without k-NN: " + hit)
                    .isTrue();
        }

        // the index on the node has no vector field
        assertThat(node.get("/catalog-read/_mapping").body()).doesNotContain("knn_vector");
    }
}
