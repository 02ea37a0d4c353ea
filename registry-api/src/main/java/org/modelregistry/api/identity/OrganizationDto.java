package org.modelregistry.api.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An organization (tenant). */
public record OrganizationDto(UUID id, String slug, String displayName, OffsetDateTime createdAt) {}
