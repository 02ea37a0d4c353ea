package org.modelregistry.application.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.modelregistry.infrastructure.search.SearchBackend;

class SearchSettingsTest {

    private static SearchSettings settings(String backend, String hosts) {
        SearchSettings s = new SearchSettings();
        s.backendKind = backend;
        s.esHosts = hosts;
        s.esProtocol = "http";
        s.esUsername = Optional.of(" ");
        s.esPassword = Optional.empty();
        s.esVersion = Optional.of("2.19");
        s.refreshMillis = 500;
        s.followMillis = 200;
        s.cacheEntries = 4096;
        s.cacheMinSegmentDocs = 20_000;
        s.cacheMegabytes = 64;
        return s;
    }

    @Test
    void anUnknownEmbeddingModelOrABadSemanticSettingStopsTheStartNamingTheSetting() {
        SearchSettings s = settings("lucene", " ");
        s.semanticEnabled = true;
        s.semanticModel = " all-minilm-l6-v2-q ";
        s.semanticThreads = 1;
        s.semanticMinSimilarity = 0.25f;
        s.check();
        assertThat(s.semanticModel()).isEqualTo("all-minilm-l6-v2-q");
        s.semanticModel = "gpt-7";
        assertThatThrownBy(s::check)
                .hasMessageContaining("registry.search.semantic.model")
                .hasMessageContaining("all-minilm-l6-v2");
        s.semanticModel = "all-minilm-l6-v2";
        s.semanticThreads = 0;
        assertThatThrownBy(s::check).hasMessageContaining("registry.search.semantic.threads");
        s.semanticThreads = 2;
        s.semanticMinSimilarity = Float.NaN;
        assertThatThrownBy(s::check).hasMessageContaining("registry.search.semantic.min-similarity");
        s.semanticEnabled = false;
        s.check(); // off: nothing of it is read
        assertThat(s.semanticModel()).isNull();
    }

    @Test
    void theDefaultBackendIsALocalLuceneIndex() {
        SearchBackend backend = settings("lucene", " ").backend();
        assertThat(backend.kind()).isEqualTo(SearchBackend.LUCENE);
        assertThat(backend.shared()).isFalse();
        assertThat(backend.refreshMillis()).isEqualTo(500);
    }

    @Test
    void elasticsearchIsSharedAndBlankCredentialsAreUnset() {
        SearchBackend backend = settings(" Elasticsearch ", "127.0.0.1:9200").backend();
        assertThat(backend.shared()).isTrue();
        assertThat(backend.username()).isEmpty();
        assertThat(backend.version()).contains("2.19");
    }

    @Test
    void anUnknownBackendOrElasticsearchWithoutHostsStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> settings("solr", " ").check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("registry.search.backend:");
        assertThatThrownBy(() -> settings("elasticsearch", " ").check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("registry.search.elasticsearch.hosts");
        settings("lucene", " ").check();
    }

    @Test
    void theKeptResultsAreBoundedAndMeasuredInBytes() {
        SearchSettings s = settings("lucene", " ");
        assertThat(s.cacheBytes()).isEqualTo(64L << 20);
        assertThat(s.followMillis()).isEqualTo(200);
        s.cacheEntries = -1;
        s.cacheMinSegmentDocs = 0;
        s.cacheMegabytes = -5;
        assertThat(s.cacheEntries()).isZero();
        assertThat(s.cacheMinSegmentDocs()).isEqualTo(1);
        assertThat(s.cacheBytes()).isZero();
    }
}
