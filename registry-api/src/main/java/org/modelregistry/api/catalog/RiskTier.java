package org.modelregistry.api.catalog;

/** How much harm a model can do; governance rules (approvals, policies) scale with it. */
public enum RiskTier {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
