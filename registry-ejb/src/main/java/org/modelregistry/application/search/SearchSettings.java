package org.modelregistry.application.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.infrastructure.config.CheckedSettings;
import org.modelregistry.infrastructure.search.SearchBackend;

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

    /** Refuses an unknown backend, or Elasticsearch without hosts, naming the setting. */
    @Override
    public void check() {
        backend();
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
