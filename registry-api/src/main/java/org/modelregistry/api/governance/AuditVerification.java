package org.modelregistry.api.governance;

/**
 * The result of recomputing the audit chain: how many rows are chained, how many predate chaining, the head, and
 * the first row whose stored hash does not match its content and predecessor (null when the chain is intact).
 */
public record AuditVerification(boolean intact, long chained, long unchained, Long headSeq, String headHash,
                                Long firstBrokenSeq, String firstBrokenId) {
}
