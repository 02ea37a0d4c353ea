package org.modelregistry.api.governance;

import java.time.OffsetDateTime;

/**
 * The result of recomputing the audit chain over a time range (or all of it): how many records are chained, how
 * many predate chaining, the head, the first record whose stored hash does not match its content and predecessor,
 * and the signed checkpoints checked against it (a chain rewritten whole still disagrees with the checkpoints kept
 * outside the database). {@code intact} holds when both agree.
 */
public record AuditVerification(boolean intact, OffsetDateTime from, OffsetDateTime to, long chained, long unchained,
                                Long headSeq, String headHash, Long firstBrokenSeq, String firstBrokenId,
                                int checkpointsChecked, Long firstFailedCheckpoint, String checkpointProblem) {
}
