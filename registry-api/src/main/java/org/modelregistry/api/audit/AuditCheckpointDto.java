package org.modelregistry.api.audit;

import java.time.OffsetDateTime;

/**
 * A signed statement of the audit chain's head: its sequence number, hash and the number of chained records up to
 * it. {@code jws} is the compact JWS (RS256, the registry's key) of exactly that, checkable offline with the key at
 * {@code /api/v1/auth/signing-key.pem}.
 */
public record AuditCheckpointDto(long seq, String hash, long records, OffsetDateTime createdAt, String jws) {}
