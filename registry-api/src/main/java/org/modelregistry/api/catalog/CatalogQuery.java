package org.modelregistry.api.catalog;

/**
 * One page of the model catalog: filters (null means "any"), an order and a keyset position.
 *
 * @param text part of "group/name" (either, or across the slash)
 * @param latestState the state of each model's latest version (highest precedence); a model without versions never
 *     matches
 * @param sort null means {@link CatalogSort#NAME}
 * @param cursor opaque cursor from a previous page's {@code nextCursor} with the same filters and order
 */
public record CatalogQuery(
        String text,
        RiskTier riskTier,
        String tag,
        String owner,
        VersionState latestState,
        CatalogSort sort,
        boolean descending,
        Integer limit,
        String cursor) {}
