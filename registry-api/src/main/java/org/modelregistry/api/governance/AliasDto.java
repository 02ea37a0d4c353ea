package org.modelregistry.api.governance;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where an alias points (now, or at a given time): the version, who moved it there and when, and the approval that
 * version carried (the last APPROVE of its last review round), if any.
 */
public record AliasDto(
        String alias, String version, OffsetDateTime movedAt, String movedBy, UUID approvalId, String approvedBy) {}
