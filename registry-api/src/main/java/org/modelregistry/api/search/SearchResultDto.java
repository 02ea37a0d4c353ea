package org.modelregistry.api.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits, the total number of hits the caller may see, and the facets over all of them (facet -> value ->
 * count: riskTier, state, type, tags, owners, license, group, organization; the 20 most frequent values each).
 */
public record SearchResultDto(
        long total, List<SearchHitDto> items, Map<String, Map<String, Long>> facets, String nextCursor) {}
