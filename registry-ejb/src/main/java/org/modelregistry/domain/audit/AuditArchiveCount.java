package org.modelregistry.domain.audit;

/**
 * Kept when a month is dropped (audit_archive_count): how many of the records a checkpoint counted were in the month.
 *
 * @param month the dropped month as YYYY-MM
 */
public record AuditArchiveCount(Long checkpointSeq, Long records, String month) {}
