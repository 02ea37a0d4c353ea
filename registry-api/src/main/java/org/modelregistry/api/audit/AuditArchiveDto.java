package org.modelregistry.api.audit;

import java.time.OffsetDateTime;

/**
 * A month of the audit log exported to the archive directory: the file, its SHA-256, the records it holds and the
 * signed manifest (JWS, the registry's key). {@code droppableFrom} is when the retention period lets its partition
 * be dropped; {@code droppedAt} is set once it was.
 */
public record AuditArchiveDto(
        String month,
        String file,
        String sha256,
        long records,
        Long firstSeq,
        Long lastSeq,
        String manifest,
        OffsetDateTime archivedAt,
        String archivedBy,
        OffsetDateTime droppableFrom,
        OffsetDateTime droppedAt,
        String droppedBy) {}
