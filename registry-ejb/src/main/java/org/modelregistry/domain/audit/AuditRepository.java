package org.modelregistry.domain.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The hash-chained audit log (audit_event and its chain head, db/V6-V9) as listings, verification and checkpoints
 * read it. Records are written as {@link AuditEvent}s; the database links them into the chain.
 */
public interface AuditRepository {

    /** Records matching the filter, newest (highest id) first, at most {@code limit}. */
    List<AuditRecord> search(AuditFilter filter, int limit);

    /**
     * The chained records of these sequence numbers whose content still hashes to their stored hash (one statement);
     * a record changed behind the chain's back, or gone, is not among them.
     */
    List<AuditRecord> intactChained(List<Long> seqs);

    /** The contiguous run of sequence numbers that holds the chained records written in [from, to); nulls: open. */
    SeqRange chainedRange(OffsetDateTime from, OffsetDateTime to);

    /** Records not linked yet (of the organization; null: of all). */
    long countUnchained(UUID organization);

    /** Chained records in [first, last] (of the organization; null: of all). */
    long countChained(long first, long last, UUID organization);

    /** The highest seq of the log itself (not the head row, which the owner can set), if any record is chained. */
    Optional<Long> lastSeq();

    String hashAt(long seq);

    /** The hash of the nearest chained record before seq, or the empty string. */
    String hashBefore(long seq);

    /**
     * The first record of [first, last] whose hash or link does not match, given the hash before it; with an
     * organization, the first of that organization's records. Where an archived month was dropped, the predecessor's
     * hash comes from its bridge.
     */
    Optional<ChainBreak> firstBroken(String hashBefore, long first, long last, UUID organization);

    /** The chained records of these seqs (at most {@code highest}), with the number of chained records up to each. */
    List<ChainPoint> chainPoints(long highest, List<Long> seqs);

    ChainHead head();

    /** How many chained records lie at or before seq. */
    long countChainedUpTo(long seq);

    /** Keeps a signed checkpoint in the database too; a second one of the same seq is ignored. */
    void saveCheckpoint(long seq, String hash, long records, OffsetDateTime createdAt, String jws);

    /** Links up to {@code batch} committed pending records into the chain; returns how many it linked. */
    int linkPending(int batch);

    /** Creates the monthly partitions up to a year ahead; returns how many it created. */
    int ensurePartitions();
}
