package org.modelregistry.api.deployment;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Deployment targets: the CI/CD systems deployments are sent to, managed by organization administrators. */
public interface DeploymentTargetService {

    DeploymentTargetDto createTarget(CreateDeploymentTargetRequest request);

    List<DeploymentTargetDto> targets();

    DeploymentTargetDto target(UUID id);

    /** Applies a JSON merge patch (url, secret, token, settings, enabled) if the version matches. */
    DeploymentTargetDto updateTarget(UUID id, Long expectedVersion, JsonObject patch);
}
