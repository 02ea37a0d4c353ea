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

    /**
     * The Hibernate Search properties of this backend; {@code vectors}: map the models' sentence embeddings as a
     * vector field, searched by k-NN (always on the local index; on a shared one only when its cluster takes vector
     * fields: OpenSearch with its k-NN plugin, Elasticsearch 8.12 or later).
     */
    public Map<String, Object> properties(Path luceneDirectory, boolean vectors) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hibernate.search.backend.type", kind);
        p.put("hibernate.search.schema_management.strategy", "create-or-update");
        if (vectors) {
            // mapped here rather than by annotation so that a cluster without k-NN keeps a mapping. The vectors are
            // of unit length, so their dot product is their cosine: Lucene compares them by dot product (a third of
            // the arithmetic); Hibernate Search maps OpenSearch's k-NN (its Lucene engine) with cosine only. Both
            // score (1 + cosine) / 2, so results and scores are the same on either backend.
            VectorSimilarity similarity = kind.equals(LUCENE) ? VectorSimilarity.DOT_PRODUCT : VectorSimilarity.COSINE;
            p.put("hibernate.search.mapping.configurer", (StandalonePojoMappingConfigurer)
                    context -> context.programmaticMapping()
                            .type(CatalogDocument.class)
                            .property("embedding")
                            .vectorField(Embedder.DIMENSION, CatalogDocument.VECTOR_FIELD)
                            .vectorSimilarity(similarity));
        }
        if (kind.equals(LUCENE)) {
            p.put("hibernate.search.backend.directory.root", luceneDirectory.toString());
            p.put("hibernate.search.backend.lucene_version", "LATEST");
            p.put("hibernate.search.backend.analysis.configurer", new RegistryAnalysis());
            // readers reopen at most this often: reopening on every search after a write rebuilds the facets'
            // ordinal maps each time (2 s per search at 1M documents under writes)
            p.put("hibernate.search.backend.io.refresh_interval", refreshMillis);
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
