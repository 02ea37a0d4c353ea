package org.modelregistry.domain.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The audit log's maintenance as the schema owner does it (the application's own role cannot write the archive
 * tables, drop a partition or delete a record): one transaction, committed when the work returns, rolled back when it
 * throws. See {@link AuditArchiveRepository#asOwner}.
 */
public interface AuditMaintenance {

    /** Nothing lands in the partition from here on, until the transaction ends. */
    void lock(String partition);

    /** Whether the partition holds a record the chainer has yet to link. */
    boolean awaitsLinking(String partition);

    PartitionContent content(String partition);

    /**
     * The remaining records (seq in [first, the first seq past it outside the month, or last]) whose predecessor is in
     * the month [from, to), with that predecessor's hash, except those that already have a bridge.
     */
    List<AuditBridge> bridgesOut(long first, long last, OffsetDateTime from, OffsetDateTime to, String month);

    /** For each checkpoint seq, how many chained records of the partition lie at or before it, in seq order. */
    List<AuditArchiveCount> countsUpTo(String partition, List<Long> checkpointSeqs, String month);

    /** Inserts or replaces the month's archive row (not its drop, which {@link #markDropped} records). */
    void saveArchive(AuditArchive archive);

    void addBridge(AuditBridge bridge, LocalDate month);

    /** Adds the count unless the checkpoint already has one for the month. */
    void addCount(AuditArchiveCount count, LocalDate month);

    /** Detaches and drops the month's partition. */
    void dropPartition(String partition);

    void markDropped(LocalDate month, OffsetDateTime droppedAt, String droppedBy, String dropStatement);

    /** Appends the record of this maintenance, committed with it or not at all. */
    void append(AuditEvent event);
}
