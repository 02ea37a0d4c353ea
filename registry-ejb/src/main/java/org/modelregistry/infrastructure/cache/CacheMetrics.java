package org.modelregistry.infrastructure.cache;

import org.eclipse.microprofile.metrics.Metadata;

/** The metric the read caches share: one name, tagged by cache and result. */
final class CacheMetrics {

    static final Metadata READS = Metadata.builder()
            .withName("registry_cache_reads")
            .withDescription("Reads of the cluster's read cache since start, by cache and result (hit or miss)")
            .build();

    private CacheMetrics() {}
}
