package org.modelregistry.domain.deployment;

import java.util.UUID;

/** What a deployment deploys, as its target's call and its audit records name it. */
public record DeploymentSubject(
        UUID organizationId,
        String organization,
        UUID modelId,
        String group,
        String name,
        String version,
        String commitSha) {}
