package org.modelregistry.infrastructure.search;

import java.util.List;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The metrics of a local index's kept per-segment results: {@code registry_search_kept} (hits and misses since
 * start, tag {@code result}) and {@code registry_search_kept_entries} (results kept now); and of the index follower:
 * {@code registry_search_documents_written} (documents its batches wrote since start, tag {@code type}).
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

    static void register(MetricRegistry metrics, IndexFollower follower) {
        Metadata written = Metadata.builder()
                .withName("registry_search_documents_written")
                .withDescription("Documents the index follower wrote for committed changes since start, by type")
                .build();
        for (String type : List.of(CatalogDocuments.MODEL, CatalogDocuments.VERSION, CatalogDocuments.ARTIFACT)) {
            metrics.gauge(written, () -> follower.written(type), new Tag("type", type));
        }
    }
}
