package org.modelregistry.application.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.infrastructure.config.CheckedSettings;
import org.modelregistry.infrastructure.search.SearchBackend;
import org.modelregistry.infrastructure.search.embedding.Embedder;

/**
 * The search index's settings ({@code registry.search.*}): which backend holds it, how often this server applies the
 * audit log to it and its readers reopen, and how much the local index keeps of per-segment results.
 */
@ApplicationScoped
public class SearchSettings implements CheckedSettings {

    @Inject
    @ConfigProperty(name = "registry.search.follow-interval-ms", defaultValue = "10000")
    long followMillis;

    @Inject
    @ConfigProperty(name = "registry.search.refresh-interval-ms", defaultValue = "500")
    long refreshMillis;

    @Inject
    @ConfigProperty(name = "registry.search.backend", defaultValue = "lucene")
    String backendKind;

    @Inject
    @ConfigProperty(name = "registry.search.elasticsearch.hosts", defaultValue = " ")
    String esHosts;

    @Inject
    @ConfigProperty(name = "registry.search.elasticsearch.protocol", defaultValue = "http")
    String esProtocol;

    @Inject
    @ConfigProperty(name = "registry.search.elasticsearch.username")
    Optional<String> esUsername;

    @Inject
    @ConfigProperty(name = "registry.search.elasticsearch.password")
    Optional<String> esPassword;

    @Inject
    @ConfigProperty(name = "registry.search.elasticsearch.version")
    Optional<String> esVersion;

    @Inject
    @ConfigProperty(name = "registry.search.cache-entries", defaultValue = "4096")
    int cacheEntries;

    @Inject
    @ConfigProperty(name = "registry.search.cache-min-segment-docs", defaultValue = "20000")
    int cacheMinSegmentDocs;

    @Inject
    @ConfigProperty(name = "registry.search.cache-mb", defaultValue = "64")
    int cacheMegabytes;

    @Inject
    @ConfigProperty(name = "registry.search.semantic.enabled", defaultValue = "true")
    boolean semanticEnabled;

    @Inject
    @ConfigProperty(name = "registry.search.semantic.model", defaultValue = "all-minilm-l6-v2-q")
    String semanticModel;

    @Inject
    @ConfigProperty(name = "registry.search.semantic.threads", defaultValue = "1")
    int semanticThreads;

    @Inject
    @ConfigProperty(name = "registry.search.semantic.min-similarity", defaultValue = "0.25")
    float semanticMinSimilarity;

    /**
     * Refuses an unknown backend, Elasticsearch without hosts, an unknown embedding model, a thread count below 1 or
     * a similarity outside -1..1, naming the setting.
     */
    @Override
    public void check() {
        backend();
        if (semanticEnabled) {
            try {
                Embedder.modelId(semanticModel.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("registry.search.semantic.model: " + e.getMessage(), e);
            }
            if (!(semanticMinSimilarity >= -1 && semanticMinSimilarity <= 1)) {
                throw new IllegalArgumentException(
                        "registry.search.semantic.min-similarity: from -1 to 1, got " + semanticMinSimilarity);
            }
            if (semanticThreads < 1) {
                throw new IllegalArgumentException(
                        "registry.search.semantic.threads: at least 1, got " + semanticThreads);
            }
        }
    }

    /**
     * The embedding model of semantic search ({@code registry.search.semantic.model}, default {@code
     * all-minilm-l6-v2-q}, the quantized twin of {@code all-minilm-l6-v2}: 1.4-1.6 x as fast, and as relevant on the
     * relevance set), or null when {@code registry.search.semantic.enabled} is false.
     */
    public String semanticModel() {
        return semanticEnabled ? semanticModel.trim() : null;
    }

    /**
     * The cosine similarity from which a model near a query's meaning is a hit ({@code
     * registry.search.semantic.min-similarity}, default 0.25): k-NN always finds neighbours, however far.
     */
    public float semanticMinSimilarity() {
        return semanticMinSimilarity;
    }

    /** The threads one embedding may use ({@code registry.search.semantic.threads}, default 1). */
    public int semanticThreads() {
        return Math.max(1, semanticThreads);
    }

    /** The backend (registry.search.backend and registry.search.elasticsearch.*); blank optional values are unset. */
    public SearchBackend backend() {
        return new SearchBackend(
                backendKind,
                esHosts,
                esProtocol,
                esUsername.filter(u -> !u.isBlank()),
                esPassword.filter(p -> !p.isBlank()),
                esVersion.filter(v -> !v.isBlank()),
                refreshMillis);
    }

    /**
     * How often this server looks for audit records to apply to the index when no commit signal woke it (the first
     * run after as long again).
     */
    public long followMillis() {
        return followMillis;
    }

    /** How many per-segment results the local index keeps (0: none). */
    public int cacheEntries() {
        return Math.max(0, cacheEntries);
    }

    /** The size from which a segment's results are kept: smaller segments are quick to search again. */
    public int cacheMinSegmentDocs() {
        return Math.max(1, cacheMinSegmentDocs);
    }

    /** The memory the kept results may take, in bytes. */
    public long cacheBytes() {
        return Math.max(0, cacheMegabytes) * (1L << 20);
    }
}
