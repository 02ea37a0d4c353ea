package org.modelregistry.api.governance;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.modelregistry.api.catalog.RiskTier;

/**
 * A version in review that the caller may decide on now: they hold REVIEWER in its organization, are neither its
 * submitter nor an owner of its model (at submission or now), and have not decided in its current round.
 *
 * @param riskTier the tier the review was submitted under (its snapshot's)
 * @param updatedAt the version's last change (its submission, unless it changed since)
 */
public record PendingReviewDto(
        UUID modelId,
        String modelGroup,
        String model,
        String version,
        RiskTier riskTier,
        int reviewRound,
        String submittedBy,
        OffsetDateTime updatedAt) {}
