package org.modelregistry.api.evaluation;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A run of a suite against a version: QUEUED, RUNNING, then PASSED, FAILED or ERROR, with each check's result. */
public record EvaluationRunDto(
        UUID id,
        UUID modelId,
        String version,
        String suite,
        int suiteVersion,
        String state,
        JsonObject metrics,
        String dataset,
        int attempt,
        OffsetDateTime requestedAt,
        String requestedBy,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        String message,
        List<CheckResultDto> checks) {}
