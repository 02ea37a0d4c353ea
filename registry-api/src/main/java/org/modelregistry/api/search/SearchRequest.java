package org.modelregistry.api.search;

import java.time.OffsetDateTime;

/**
 * A search: {@code q} in simple query syntax (words, "phrases", prefix*, fuzzy~, +must, -not, a | b, and
 * {@code metadata.key:value} filters), filters (null: any), {@code sort} relevance (default), name or created.
 */
public record SearchRequest(
        String q,
        String type,
        String riskTier,
        String state,
        String owner,
        String tag,
        String group,
        String license,
        String organization,
        OffsetDateTime createdFrom,
        OffsetDateTime createdTo,
        String sort,
        Integer limit,
        String cursor) {}
