package org.modelregistry.domain.governance;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.modelregistry.api.catalog.RiskTier;

/**
 * How many distinct approvals a review needs, and how long an approval stays valid, per risk tier (defaults LOW 1,
 * MEDIUM 1, HIGH 2, CRITICAL 3; HIGH valid 12 months, CRITICAL 6, LOW and MEDIUM without expiry, as model-risk
 * guidance such as SR 11-7 asks for periodic revalidation). Configured by {@code registry.approvals.required}
 * ({@code LOW=1,MEDIUM=1,HIGH=2,CRITICAL=3}) and {@code registry.approvals.validity} ({@code HIGH=P12M,CRITICAL=P6M},
 * ISO-8601 periods; a tier left out never expires).
 */
public record ApprovalRules(Map<RiskTier, Integer> required, Map<RiskTier, Period> validity) {

    public static ApprovalRules defaults() {
        return parse("LOW=1,MEDIUM=1,HIGH=2,CRITICAL=3", "HIGH=P12M,CRITICAL=P6M");
    }

    /** Parses the two settings; a malformed one fails start-up with the setting's name. */
    public static ApprovalRules parse(String requiredText, String validityText) {
        Map<RiskTier, Integer> required = new EnumMap<>(RiskTier.class);
        pairs("registry.approvals.required", requiredText).forEach((tier, value) -> {
            try {
                int n = Integer.parseInt(value);
                if (n < 1 || n > 10) {
                    throw new NumberFormatException();
                }
                required.put(tier, n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "registry.approvals.required: " + tier + " needs 1 to 10" + " approvals, got '" + value + "'");
            }
        });
        Map<RiskTier, Period> validity = new EnumMap<>(RiskTier.class);
        pairs("registry.approvals.validity", validityText).forEach((tier, value) -> {
            try {
                Period p = Period.parse(value);
                if (p.isNegative() || p.isZero()) {
                    throw new IllegalArgumentException("registry.approvals.validity: " + tier + " needs a positive"
                            + " period, got '" + value + "'");
                }
                validity.put(tier, p);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("registry.approvals.validity: " + tier + " needs an ISO-8601"
                        + " period such as P12M, got '" + value + "'");
            }
        });
        return new ApprovalRules(Map.copyOf(required), Map.copyOf(validity));
    }

    private static Map<RiskTier, String> pairs(String setting, String text) {
        Map<RiskTier, String> pairs = new EnumMap<>(RiskTier.class);
        if (text == null || text.isBlank()) {
            return pairs;
        }
        for (String item : text.split(",")) {
            String[] kv = item.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException(setting + ": expected TIER=value pairs, got '" + item + "'");
            }
            try {
                pairs.put(RiskTier.valueOf(kv[0].trim().toUpperCase(Locale.ROOT)), kv[1].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ": unknown risk tier '" + kv[0].trim() + "'");
            }
        }
        return pairs;
    }

    public int required(RiskTier tier) {
        return Math.max(1, required.getOrDefault(tier, 1));
    }

    /** @return how long an approval of a model of this tier stays valid, or null for no expiry */
    public Period validity(RiskTier tier) {
        return validity.get(tier);
    }
}
