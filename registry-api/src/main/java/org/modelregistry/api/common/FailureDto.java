package org.modelregistry.api.common;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One thing that went wrong with a version: a failed evaluation run, a failed deployment, a policy that blocked a
 * move.
 *
 * @param at when it failed (UTC)
 * @param subject what failed for it: the suite, the target and its environment, or the policy and the blocked move
 * @param reason why, in the words the registry recorded
 */
public record FailureDto(
        OffsetDateTime at,
        UUID modelId,
        String modelGroup,
        String model,
        String version,
        String subject,
        String reason) {}
