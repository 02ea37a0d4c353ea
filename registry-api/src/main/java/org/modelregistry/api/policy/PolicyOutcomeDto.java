package org.modelregistry.api.policy;

import java.util.UUID;

/** One policy's verdict on one transition (stored, or computed by a dry run). */
public record PolicyOutcomeDto(
        UUID policyId,
        String policy,
        int policyVersion,
        PolicySeverity severity,
        PolicyResult result,
        String message) {}
