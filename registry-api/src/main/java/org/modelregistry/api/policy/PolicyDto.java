package org.modelregistry.api.policy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;

/**
 * A policy: a CEL rule, the transitions it gates and the models it applies to (empty riskTiers or groups = all);
 * {@code organization} null means every organization. {@code version} counts its changes; {@code revision} is the
 * ETag for If-Match.
 */
public record PolicyDto(
        UUID id,
        String name,
        String organization,
        String description,
        List<RiskTier> riskTiers,
        List<String> groups,
        List<VersionState> transitions,
        PolicySeverity severity,
        String expression,
        String message,
        boolean enabled,
        int version,
        long revision,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        String updatedBy) {}
