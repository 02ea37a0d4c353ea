package org.modelregistry.api.audit;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One audit record; {@code seq} and {@code hash} are null for records written before the log was chained. */
public record AuditRecordDto(
        UUID id,
        Long seq,
        OffsetDateTime occurredAt,
        String actor,
        String action,
        String objectType,
        UUID objectId,
        UUID organizationId,
        String requestId,
        JsonObject details,
        String hash,
        String clientAddress,
        String outcome) {}
