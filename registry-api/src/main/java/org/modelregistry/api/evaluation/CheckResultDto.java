package org.modelregistry.api.evaluation;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;

/** One check of a run: PASSED, FAILED or ERROR, what it measured, and why. */
public record CheckResultDto(
        String name, String kind, String status, JsonObject measured, String message, OffsetDateTime finishedAt) {}
