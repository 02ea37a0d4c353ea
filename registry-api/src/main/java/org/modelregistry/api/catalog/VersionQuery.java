package org.modelregistry.api.catalog;

/**
 * Listing the versions of one model.
 *
 * @param sort {@code created} (default, oldest first) or {@code semver} (highest precedence first)
 */
public record VersionQuery(VersionState state, String sort, Integer limit, String cursor) {}
