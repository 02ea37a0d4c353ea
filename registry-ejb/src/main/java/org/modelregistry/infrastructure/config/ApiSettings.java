package org.modelregistry.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the REST API pages its lists (registry.api.default-page-size, registry.api.max-page-size) and how long it
 * remembers the answer to an {@code Idempotency-Key} (registry.idempotency.ttl-hours), the same for every context.
 */
@ApplicationScoped
public class ApiSettings {

    @Inject
    @ConfigProperty(name = "registry.api.max-page-size", defaultValue = "500")
    int maxPageSize;

    @Inject
    @ConfigProperty(name = "registry.api.default-page-size", defaultValue = "50")
    int defaultPageSize;

    @Inject
    @ConfigProperty(name = "registry.idempotency.ttl-hours", defaultValue = "24")
    int idempotencyTtlHours;

    public int maxPageSize() {
        return maxPageSize;
    }

    /** The page size when a request gives none: never more than the largest allowed. */
    public int defaultPageSize() {
        return Math.min(defaultPageSize, maxPageSize);
    }

    public int idempotencyTtlHours() {
        return idempotencyTtlHours;
    }
}
