package org.modelregistry.api.catalog;

/** The orders of the model catalog; each pages by its key with the model's id as tie-breaker. */
public enum CatalogSort {
    NAME,
    GROUP,
    /** By severity (LOW before CRITICAL), not by the tier's name. */
    RISK_TIER,
    /** By the time the model itself last changed. */
    UPDATED
}
