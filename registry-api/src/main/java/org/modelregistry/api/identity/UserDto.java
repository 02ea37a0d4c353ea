package org.modelregistry.api.identity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A user as administrators see it; the password never appears, not even as a hash. */
public record UserDto(
        UUID id,
        String username,
        String displayName,
        String email,
        boolean active,
        boolean registryAdmin,
        List<MembershipDto> memberships,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        long revision) {}
