package org.modelregistry.api.policy;

import java.time.OffsetDateTime;
import java.util.List;

/** One earlier (or the current) version of a policy, as it was written. */
public record PolicyRevisionDto(
        int version,
        List<String> riskTiers,
        List<String> groups,
        List<String> transitions,
        PolicySeverity severity,
        String expression,
        String message,
        boolean enabled,
        OffsetDateTime changedAt,
        String changedBy) {}
