package org.modelregistry.api.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A registered model. {@code revision} is the optimistic-locking counter; REST exposes it as the ETag.
 */
public record ModelDto(
        UUID id,
        String organization,
        String group,
        String name,
        String description,
        List<String> owners,
        RiskTier riskTier,
        List<String> tags,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        String updatedBy,
        long revision) {}
