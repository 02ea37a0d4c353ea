package org.modelregistry.api.search;

import java.time.OffsetDateTime;

/**
 * A search: {@code q} in simple query syntax (words, "phrases", prefix*, fuzzy~, +must, -not, a | b, and
 * {@code metadata.key:value} filters), filters (null: any), {@code sort} relevance (default), name or created, and
 * {@code mode}: {@code lexical} (the words), {@code semantic} (the meaning: k-NN over models' sentence embeddings) or
 * {@code hybrid} (default, null: both, fused by reciprocal rank).
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
        String cursor,
        String mode) {

    /** A search in the default mode (hybrid). */
    public SearchRequest(
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
            String cursor) {
        this(
                q,
                type,
                riskTier,
                state,
                owner,
                tag,
                group,
                license,
                organization,
                createdFrom,
                createdTo,
                sort,
                limit,
                cursor,
                null);
    }
}
