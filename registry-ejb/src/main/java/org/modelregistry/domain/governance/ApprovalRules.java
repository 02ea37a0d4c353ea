package org.modelregistry.domain.governance;

import java.time.Period;
import java.util.Map;
import org.modelregistry.api.catalog.RiskTier;

/**
 * How many distinct approvals a review needs, and how long an approval stays valid, per risk tier (defaults LOW 1,
 * MEDIUM 1, HIGH 2, CRITICAL 3; HIGH valid 12 months, CRITICAL 6, LOW and MEDIUM without expiry, as model-risk
 * guidance such as SR 11-7 asks for periodic revalidation).
 */
public record ApprovalRules(Map<RiskTier, Integer> required, Map<RiskTier, Period> validity) {

    public static ApprovalRules defaults() {
        return new ApprovalRules(Map.of(RiskTier.LOW, 1, RiskTier.MEDIUM, 1, RiskTier.HIGH, 2, RiskTier.CRITICAL, 3),
                Map.of(RiskTier.HIGH, Period.ofMonths(12), RiskTier.CRITICAL, Period.ofMonths(6)));
    }

    public int required(RiskTier tier) {
        return Math.max(1, required.getOrDefault(tier, 1));
    }

    /** @return how long an approval of a model of this tier stays valid, or null for no expiry */
    public Period validity(RiskTier tier) {
        return validity.get(tier);
    }
}
