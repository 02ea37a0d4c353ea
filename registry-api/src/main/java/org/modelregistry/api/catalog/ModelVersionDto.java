package org.modelregistry.api.catalog;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One version of a model. {@code metadata} is a free JSON object (framework, metrics, parameters...).
 * {@code contentFrozen} is true once the version has been approved (it never returns to DRAFT), and
 * {@code approvedDigest} is the content digest reviewers approved.
 */
public record ModelVersionDto(
        UUID id,
        UUID modelId,
        String version,
        VersionState state,
        String commitSha,
        JsonObject metadata,
        String description,
        String sourceUri,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        String updatedBy,
        long revision,
        boolean contentFrozen,
        String approvedDigest) {}
