package org.modelregistry.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchBackendTest {

    @Test
    void luceneKeepsTheIndexInTheDataDirectory() {
        SearchBackend lucene =
                new SearchBackend(null, null, null, Optional.empty(), Optional.empty(), Optional.empty(), 500);
        Map<String, Object> p = lucene.properties(Path.of("/data/index/lucene"), true);
        assertThat(lucene.shared()).isFalse();
        assertThat(p)
                .containsEntry("hibernate.search.backend.type", "lucene")
                .containsEntry("hibernate.search.backend.directory.root", "/data/index/lucene")
                .containsEntry("hibernate.search.backend.io.refresh_interval", 500L);
        assertThat(p.get("hibernate.search.backend.analysis.configurer")).isInstanceOf(RegistryAnalysis.class);
        assertThat(p).containsKey("hibernate.search.mapping.configurer"); // the vector field
    }

    @Test
    void elasticsearchIsSharedAndConfiguredFromSettings() throws Exception {
        SearchBackend es = new SearchBackend(
                "Elasticsearch",
                "es1:9200,es2:9200",
                "https",
                Optional.of("registry"),
                Optional.of("secret"),
                Optional.of("opensearch:2.17"),
                500);
        Map<String, Object> p = es.properties(Path.of("/unused"), false);
        assertThat(es.shared()).isTrue();
        assertThat(p)
                .containsEntry("hibernate.search.backend.type", "elasticsearch")
                .containsEntry("hibernate.search.backend.hosts", "es1:9200,es2:9200")
                .containsEntry("hibernate.search.backend.protocol", "https")
                .containsEntry("hibernate.search.backend.username", "registry")
                .containsEntry("hibernate.search.backend.version", "opensearch:2.17")
                .doesNotContainKey("hibernate.search.backend.directory.root")
                .doesNotContainKey("hibernate.search.mapping.configurer"); // no vectors: a cluster without k-NN
        assertThat(es.properties(Path.of("/unused"), true)).containsKey("hibernate.search.mapping.configurer");
        assertThat(p.get("hibernate.search.backend.analysis.configurer")).isInstanceOf(ElasticsearchAnalysis.class);
        // the settings file is on the class path, and its window covers the deepest page the API serves
        String settings = (String) p.get("hibernate.search.backend.schema_management.settings_file");
        assertThat(SearchBackend.class.getClassLoader().getResource(settings)).isNotNull();
        try (var in = SearchBackend.class.getClassLoader().getResourceAsStream(settings)) {
            assertThat(Json.createReader(in).readObject().getInt("max_result_window"))
                    .isGreaterThanOrEqualTo(10_000 + 100);
        }
    }

    @Test
    void mistakesNameTheSetting() {
        assertThatThrownBy(() -> new SearchBackend(
                        "solr", null, null, Optional.empty(), Optional.empty(), Optional.empty(), 500))
                .hasMessageContaining("registry.search.backend");
        assertThatThrownBy(() -> new SearchBackend(
                        "elasticsearch", " ", null, Optional.empty(), Optional.empty(), Optional.empty(), 500))
                .hasMessageContaining("registry.search.elasticsearch.hosts");
    }
}
