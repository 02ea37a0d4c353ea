package org.modelregistry.infrastructure.search;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The metrics of a local index's kept per-segment results: {@code registry_search_kept} (hits and misses since
 * start, tag {@code result}) and {@code registry_search_kept_entries} (results kept now).
 */
final class SearchMetrics {

    private SearchMetrics() {}

    static void register(MetricRegistry metrics, SegmentSearcher segmentSearcher) {
        Metadata kept = Metadata.builder()
                .withName("registry_search_kept")
                .withDescription("Per-segment search results since start: found kept (hit) or worked out (miss)")
                .build();
        metrics.gauge(kept, () -> segmentSearcher.stats()[0], new Tag("result", "hit"));
        metrics.gauge(kept, () -> segmentSearcher.stats()[1], new Tag("result", "miss"));
        metrics.gauge(
                Metadata.builder()
                        .withName("registry_search_kept_entries")
                        .withDescription("Per-segment search results kept now (counts and rankings)")
                        .build(),
                () -> segmentSearcher.stats()[2]);
    }
}
