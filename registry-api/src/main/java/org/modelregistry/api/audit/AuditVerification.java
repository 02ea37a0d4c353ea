package org.modelregistry.api.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The result of recomputing the audit chain over a time range (or all of it): how many records are chained, how
 * many predate chaining, the head, the first record whose stored hash does not match its content and predecessor
 * (and why: {@code firstBrokenReason}), and the signed checkpoints checked against it (a chain rewritten whole still
 * disagrees with the checkpoints kept outside the database; a checkpoint beyond the head, or whose record is gone,
 * means records were deleted: {@code truncated}). {@code problems} names every other fact that failed: archive,
 * bridge and count rows no valid signature covers. {@code organizationId} is set when the verification was scoped
 * to one organization's records (an auditor's). {@code intact} holds when nothing failed.
 */
public record AuditVerification(
        boolean intact,
        OffsetDateTime from,
        OffsetDateTime to,
        long chained,
        long unchained,
        Long headSeq,
        String headHash,
        Long firstBrokenSeq,
        String firstBrokenId,
        int checkpointsChecked,
        Long firstFailedCheckpoint,
        String checkpointProblem,
        String firstBrokenReason,
        boolean truncated,
        List<String> problems,
        UUID organizationId) {}
