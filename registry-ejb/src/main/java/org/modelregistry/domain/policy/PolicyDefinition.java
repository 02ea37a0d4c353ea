package org.modelregistry.domain.policy;

import java.util.List;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.policy.PolicySeverity;

/** What a policy says: its scope, severity and rule. Validated by the service before it reaches an entity. */
public record PolicyDefinition(
        String description,
        List<RiskTier> riskTiers,
        List<String> groups,
        List<VersionState> transitions,
        PolicySeverity severity,
        String expression,
        String message,
        boolean enabled) {

    public PolicyDefinition {
        riskTiers = List.copyOf(riskTiers);
        groups = List.copyOf(groups);
        transitions = List.copyOf(transitions);
    }
}
