package org.modelregistry.api.deployment;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Deployment targets (organization administrators) and deployments (deployers; reports from the targets). */
public interface DeploymentService {

    DeploymentTargetDto createTarget(JsonObject body);

    List<DeploymentTargetDto> targets();

    DeploymentTargetDto target(UUID id);

    /** Applies a JSON merge patch (url, secret, token, settings, enabled) if the version matches. */
    DeploymentTargetDto updateTarget(UUID id, Long expectedVersion, JsonObject patch);

    /** Policies gate it; queued, then called on a message-driven bean after the request. */
    DeploymentDto deploy(UUID modelId, String version, JsonObject body);

    List<DeploymentDto> deployments(UUID modelId, String version);

    DeploymentDto deployment(UUID id);

    /** The target's report: IN_PROGRESS, SUCCEEDED or FAILED, with a message and a link. */
    DeploymentDto report(UUID id, JsonObject body);

    /** Redeploys, to the same target, the version that was last deployed there successfully before this one. */
    DeploymentDto rollback(UUID id);
}
