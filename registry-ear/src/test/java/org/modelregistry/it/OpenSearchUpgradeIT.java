package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * An OpenSearch index made without k-NN (as by a registry before semantic search on the cluster, here by a server
 * with {@code registry.search.semantic.enabled=false}) meets a server with semantic search on: its {@code index.knn}
 * cannot be changed, so that server starts with semantic search off, says why, and keeps the index open and searched
 * by words. Deleting the index, as docs/operations.md says, and starting again gives an index with k-NN, rebuilt from
 * the database, in which the model is found by meaning. Runs in the Failsafe execution of its own (crash).
 */
@RegistryDeployment.OwnServer
class OpenSearchUpgradeIT {

    private static final String SETTINGS = "opensearch-upgrade-it";
    private static final String CHARGEBACK =
            "Gradient-boosted chargeback classifier: flags disputed payments before they settle";
    private static OpenSearchProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = OpenSearchProcess.startNode("opensearch-upgrade", true);
    }

    @AfterAll
    static void stop() throws Exception {
        OpenSearchProcess.stopWithServer(node, SETTINGS);
    }

    @Test
    void anIndexWithoutKnnKeepsLexicalSearchUntilItIsDeletedThenItIsRebuiltWithVectors() throws Exception {
        // an index without k-NN, and a model in it
        Map<String, String> lexicalOnly = new HashMap<>(node.backendSettings());
        lexicalOnly.put("registry.search.semantic.enabled", "false");
        LibertyServer.overrideVariables(SETTINGS, lexicalOnly);
        LibertyServer.start();
        String group = unique("upgrade");
        Reply created = post(
                "/models",
                "{\"group\":\"" + group + "\",\"name\":\"" + unique("txn-guard") + "\",\"riskTier\":\"LOW\","
                        + "\"description\":\"" + CHARGEBACK + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        awaitFound("/search?mode=lexical&q=chargeback&group=" + group, id);
        assertThat(node.get("/catalog-read/_mapping").body()).doesNotContain("knn_vector");
        LibertyServer.stop();

        // semantic search on: the index cannot take k-NN, the server says so and searches by words
        LibertyServer.overrideVariables(SETTINGS, node.backendSettings());
        LibertyServer.start();
        Path log = LibertyServer.DIR.resolve("logs/messages.log");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(log).contains("does not take the models' vector field"));
        awaitFound("/search?mode=lexical&q=chargeback&group=" + group, id);
        Reply semantic = get("/search?mode=semantic&q=chargeback&group=" + group);
        assertThat(semantic.status()).as(semantic.body()).isEqualTo(422);
        assertThat(semantic.body()).contains("mode");
        LibertyServer.stop();

        // the index deleted (its aliases go with it): the next start makes it with k-NN and rebuilds it
        assertThat(node.delete("/catalog-000001").statusCode()).isEqualTo(200);
        LibertyServer.start();
        assertThat(node.get("/catalog-read/_mapping").body()).contains("knn_vector");
        awaitFound("/search?mode=lexical&q=chargeback&group=" + group, id);
        awaitFound(
                "/search?mode=semantic&group=" + group + "&q="
                        + URLEncoder.encode("detect fraudulent card transactions", StandardCharsets.UTF_8),
                id);
    }

    private static void awaitFound(String query, String id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Reply r = get(query);
                    return r.status() == 200 && r.body().contains(id);
                });
    }
}
