package org.modelregistry.api.deployment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A deployment of a version to a target: REQUESTED, IN_PROGRESS (the target is called, then its report awaited),
 * then SUCCEEDED or FAILED as the target reports through {@code POST /api/v1/deployments/{id}/status}.
 */
public record DeploymentDto(
        UUID id,
        UUID modelId,
        String version,
        String target,
        String environment,
        String state,
        int attempt,
        UUID rollbackOf,
        OffsetDateTime requestedAt,
        String requestedBy,
        OffsetDateTime startedAt,
        OffsetDateTime dispatchedAt,
        OffsetDateTime finishedAt,
        String reportedBy,
        String externalUrl,
        String message,
        List<DeploymentCallDto> calls) {}
