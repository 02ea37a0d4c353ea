package org.modelregistry.domain.audit;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.modelregistry.domain.shared.SqlValues;

/**
 * One record of the audit log as listings read it (result set mapping {@code AuditRecord} on {@link AuditEvent}).
 *
 * @param seq null until the chainer has linked the record
 * @param details the details as the database prints its jsonb
 */
public record AuditRecord(
        UUID id,
        Long seq,
        OffsetDateTime occurredAt,
        String actor,
        String action,
        String objectType,
        UUID objectId,
        UUID organizationId,
        String requestId,
        String details,
        String hash,
        String clientAddress,
        String outcome) {

    /** As the result set mapping reads it: ids as text, the time as the driver returns it. */
    public AuditRecord(
            String id,
            Long seq,
            Object occurredAt,
            String actor,
            String action,
            String objectType,
            String objectId,
            String organizationId,
            String requestId,
            String details,
            String hash,
            String clientAddress,
            String outcome) {
        this(
                SqlValues.uuid(id),
                seq,
                SqlValues.time(occurredAt),
                actor,
                action,
                objectType,
                SqlValues.uuid(objectId),
                SqlValues.uuid(organizationId),
                requestId,
                details,
                hash,
                clientAddress,
                outcome);
    }
}
