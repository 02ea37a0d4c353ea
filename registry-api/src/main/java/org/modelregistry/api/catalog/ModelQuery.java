package org.modelregistry.api.catalog;

/**
 * Filters and keyset page position for listing models; {@code null} means "any".
 *
 * @param cursor opaque cursor from a previous page's {@code nextCursor}
 */
public record ModelQuery(
        String group, String name, RiskTier riskTier, String tag, String owner, Integer limit, String cursor) {}
