package org.modelregistry.api.catalog;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An artifact of a model version. {@code stored} is true when its content lives in the registry's own blob
 * store (uploaded), false when it is only referenced by {@code uri}.
 */
public record ArtifactDto(
        UUID id,
        UUID modelId,
        String version,
        ArtifactType type,
        String name,
        String uri,
        String sha256,
        Long size,
        String license,
        String mediaType,
        boolean stored,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        long revision) {}
