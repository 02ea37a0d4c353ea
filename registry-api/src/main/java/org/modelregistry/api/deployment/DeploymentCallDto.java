package org.modelregistry.api.deployment;

import java.time.OffsetDateTime;

/** One call made to a deployment's target: the job delivery it belonged to, how it went, how long it took. */
public record DeploymentCallDto(
        int call,
        int attempt,
        OffsetDateTime startedAt,
        int durationMs,
        String outcome,
        Integer httpStatus,
        String detail) {}
