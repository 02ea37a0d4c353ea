package org.modelregistry.api.policy;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored policy evaluation: which policy (at which version) judged which attempted move, and how. */
public record PolicyEvaluationDto(
        UUID id,
        UUID attemptId,
        UUID policyId,
        String policy,
        int policyVersion,
        PolicySeverity severity,
        String from,
        String to,
        String environment,
        String inputDigest,
        PolicyResult result,
        String message,
        boolean allowed,
        OffsetDateTime evaluatedAt,
        String evaluatedBy) {}
