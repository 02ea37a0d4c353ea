package org.modelregistry.api.governance;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One reviewer's decision in one review round; an approval may expire (per risk tier). */
public record ApprovalDto(UUID id, String version, int reviewRound, String reviewer, Decision decision,
                          String comment, OffsetDateTime decidedAt, OffsetDateTime expiresAt) {
}
