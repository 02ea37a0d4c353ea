package org.modelregistry.domain.audit;

/**
 * A chained record a checkpoint names, with how many chained records the log holds up to it (those of dropped months
 * included, from audit_archive_count), to compare with what the checkpoint counted.
 */
public record ChainPoint(Long seq, String hash, Long records) {}
