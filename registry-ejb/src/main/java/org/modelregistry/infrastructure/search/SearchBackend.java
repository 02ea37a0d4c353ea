package org.modelregistry.infrastructure.search;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hibernate.search.engine.backend.types.VectorSimilarity;
import org.hibernate.search.mapper.pojo.standalone.mapping.StandalonePojoMappingConfigurer;
import org.modelregistry.infrastructure.search.embedding.Embedder;

/**
 * Which backend holds the search index, from MicroProfile Config: {@code registry.search.backend} {@code lucene}
 * (default: an index in the data directory, one per server) or {@code elasticsearch} (one index shared by all
 * servers, on Elasticsearch or OpenSearch: {@code registry.search.elasticsearch.hosts}, {@code .protocol},
 * {@code .username}, {@code .password}, {@code .version}).
 */
public record SearchBackend(
        String kind,
        String hosts,
        String protocol,
        Optional<String> username,
        Optional<String> password,
        Optional<String> version,
        long refreshMillis) {

    public static final String LUCENE = "lucene";
    public static final String ELASTICSEARCH = "elasticsearch";

    /**
     * Settings of the index Hibernate Search creates on Elasticsearch/OpenSearch, besides the analyzers: pages go
     * 10,000 hits deep and hold up to 100, so from + size reaches 10,100, beyond the cluster's default window.
     */
    static final String INDEX_SETTINGS = "org/modelregistry/infrastructure/search/catalog-index-settings.json";

    public SearchBackend {
        kind = kind == null ? LUCENE : kind.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals(LUCENE) && !kind.equals(ELASTICSEARCH)) {
            throw new IllegalArgumentException("registry.search.backend: lucene or elasticsearch, got '" + kind + "'");
        }
        if (kind.equals(ELASTICSEARCH) && (hosts == null || hosts.isBlank())) {
            throw new IllegalArgumentException("registry.search.elasticsearch.hosts is required with the"
                    + " elasticsearch backend (host:port, comma-separated)");
        }
    }

    /** Is the index shared by every server (so that changes are applied once, by one of them)? */
    public boolean shared() {
        return kind.equals(ELASTICSEARCH);
    }

    /** The Hibernate Search properties of this backend. */
    public Map<String, Object> properties(Path luceneDirectory) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hibernate.search.backend.type", kind);
        p.put("hibernate.search.schema_management.strategy", "create-or-update");
        if (kind.equals(LUCENE)) {
            p.put("hibernate.search.backend.directory.root", luceneDirectory.toString());
            p.put("hibernate.search.backend.lucene_version", "LATEST");
            p.put("hibernate.search.backend.analysis.configurer", new RegistryAnalysis());
            // readers reopen at most this often: reopening on every search after a write rebuilds the facets'
            // ordinal maps each time (2 s per search at 1M documents under writes)
            p.put("hibernate.search.backend.io.refresh_interval", refreshMillis);
            // models' sentence embeddings, searched by k-NN (dot product of unit vectors: their cosine); mapped here
            // rather than by annotation so that an Elasticsearch/OpenSearch index, where k-NN needs a plugin, keeps
            // its mapping
            p.put("hibernate.search.mapping.configurer", (StandalonePojoMappingConfigurer)
                    context -> context.programmaticMapping()
                            .type(CatalogDocument.class)
                            .property("embedding")
                            .vectorField(Embedder.DIMENSION, CatalogDocument.VECTOR_FIELD)
                            .vectorSimilarity(VectorSimilarity.DOT_PRODUCT));
        } else {
            p.put("hibernate.search.backend.hosts", hosts);
            p.put("hibernate.search.backend.protocol", protocol == null || protocol.isBlank() ? "http" : protocol);
            username.ifPresent(u -> p.put("hibernate.search.backend.username", u));
            password.ifPresent(pw -> p.put("hibernate.search.backend.password", pw));
            version.ifPresent(v -> {
                p.put("hibernate.search.backend.version", v);
                p.put("hibernate.search.backend.version_check.enabled", false);
            });
            p.put("hibernate.search.backend.analysis.configurer", new ElasticsearchAnalysis());
            p.put("hibernate.search.backend.schema_management.settings_file", INDEX_SETTINGS);
        }
        return p;
    }
}
