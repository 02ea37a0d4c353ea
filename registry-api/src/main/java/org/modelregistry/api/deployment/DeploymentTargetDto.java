package org.modelregistry.api.deployment;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where deployments go: a CI/CD system called by webhook in one environment. The signing secret and the target's
 * token are never shown again once set ({@code secretSet}, {@code tokenSet}), nor is the secret of the CI system's
 * events ({@code eventSecretSet}).
 */
public record DeploymentTargetDto(
        UUID id,
        String organization,
        String name,
        String environment,
        String kind,
        String format,
        String url,
        boolean secretSet,
        boolean tokenSet,
        boolean eventSecretSet,
        JsonObject settings,
        boolean enabled,
        int version,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        String updatedBy) {}
