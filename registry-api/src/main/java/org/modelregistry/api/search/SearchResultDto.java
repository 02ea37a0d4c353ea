package org.modelregistry.api.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits, the total number of hits the caller may see, and the facets over all of them (facet -> value ->
 * count: riskTier, state, type, tags, owners, license, group, organization; the 20 most frequent values each),
 * the mode that ran ({@code lexical}, {@code semantic} or {@code hybrid}) and, when a hybrid search could only run
 * lexically (the embedding model still loading, or semantic search off), why ({@code fallback}). One constructor
 * only: JSON-B (the SDK and CLI) reads a record through its single constructor.
 */
public record SearchResultDto(
        long total,
        List<SearchHitDto> items,
        Map<String, Map<String, Long>> facets,
        String nextCursor,
        String mode,
        String fallback) {}
