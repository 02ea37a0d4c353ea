package org.modelregistry.api.evaluation;

import jakarta.json.JsonArray;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A named, versioned set of checks: {@code checks} is a JSON array of {@code {"name", "kind", ...}} with kind
 * INTEGRITY, METRIC_THRESHOLD ({@code expression}, CEL over {@code metrics}), MODEL_CARD ({@code sections}) or
 * LICENSE ({@code allow}).
 */
public record EvaluationSuiteDto(
        UUID id,
        String name,
        String description,
        List<String> riskTiers,
        List<String> groups,
        JsonArray checks,
        int version,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        String updatedBy) {}
