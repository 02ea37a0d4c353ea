package org.modelregistry.api.search;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One hit: a model, a version or an artifact, with its model's id and the fragments of the matched fields
 * ({@code highlights}: field -> fragments, matches wrapped in {@code <em>}), and why it matched ({@code match}: the
 * matched words and/or the semantic score; null where nothing more than the highlights is known). One constructor
 * only: JSON-B (the SDK and CLI) reads a record through its single constructor.
 */
public record SearchHitDto(
        String type,
        UUID id,
        UUID modelId,
        String organization,
        String group,
        String name,
        String version,
        String state,
        String riskTier,
        String license,
        List<String> tags,
        OffsetDateTime createdAt,
        float score,
        Map<String, List<String>> highlights,
        SearchMatchDto match) {}
