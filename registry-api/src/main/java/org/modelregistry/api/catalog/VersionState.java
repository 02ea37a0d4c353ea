package org.modelregistry.api.catalog;

/** Lifecycle state of a model version. Versions start as DRAFT; the governance lifecycle moves them on. */
public enum VersionState {
    DRAFT,
    IN_REVIEW,
    CHANGES_REQUESTED,
    APPROVED,
    REJECTED,
    DEPLOYED,
    DEPRECATED,
    RETIRED
}
