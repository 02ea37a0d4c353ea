package org.modelregistry.api.governance;

import jakarta.json.bind.annotation.JsonbCreator;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.VersionState;

/**
 * One reviewer's decision in one review round; an approval may expire (per risk tier). The answer to a decision
 * also carries the version's state after it and, when the approvals sufficed but blocking policies held the version
 * in review, the names of those policies ({@code heldBy}). {@code contentDigest} is the digest of the content the
 * reviewer decided on (that of the version as submitted for the round).
 */
public record ApprovalDto(
        UUID id,
        String version,
        int reviewRound,
        String reviewer,
        Decision decision,
        String comment,
        OffsetDateTime decidedAt,
        OffsetDateTime expiresAt,
        String contentDigest,
        VersionState versionState,
        List<String> heldBy) {

    /** The constructor JSON-B clients (registry-client) build it with: the record has a second one. */
    @JsonbCreator
    public ApprovalDto {}

    /** An approval as listed (without the state its decision led to). */
    public ApprovalDto(
            UUID id,
            String version,
            int reviewRound,
            String reviewer,
            Decision decision,
            String comment,
            OffsetDateTime decidedAt,
            OffsetDateTime expiresAt,
            String contentDigest) {
        this(id, version, reviewRound, reviewer, decision, comment, decidedAt, expiresAt, contentDigest, null, null);
    }
}
