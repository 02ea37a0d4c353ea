package org.modelregistry.api.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A service account; {@code keyPrefix} identifies its key in logs and lists, the key itself is never shown again. */
public record ServiceAccountDto(
        UUID id,
        String name,
        String principal,
        String organization,
        Role role,
        String keyPrefix,
        OffsetDateTime expiresAt,
        OffsetDateTime revokedAt,
        OffsetDateTime lastUsedAt,
        OffsetDateTime createdAt,
        String createdBy) {}
