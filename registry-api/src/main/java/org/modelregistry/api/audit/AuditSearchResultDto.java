package org.modelregistry.api.audit;

import java.util.List;
import java.util.Map;

/**
 * A page of audit search hits, the total the caller may see, the facets over all of them ({@code action},
 * {@code actor}, {@code objectType}, {@code outcome}: value -> count, the 20 most frequent each), the time facet
 * ({@code timeline}: consecutive buckets of {@code interval}, empty ones included) and how many hits of this page
 * were withheld because the log no longer holds them as indexed ({@code withheld}).
 */
public record AuditSearchResultDto(
        long total,
        List<AuditSearchHitDto> items,
        Map<String, Map<String, Long>> facets,
        String interval,
        List<AuditTimeBucketDto> timeline,
        int withheld,
        String nextCursor) {}
