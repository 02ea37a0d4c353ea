package org.modelregistry.api.deployment;

import java.util.List;
import java.util.UUID;
import org.modelregistry.api.common.RecentFailuresDto;
import org.modelregistry.api.common.RecentFailuresQuery;

/** Deployments of approved versions to targets (deployers), and the targets' reports. */
public interface DeploymentService {

    /** Policies gate it; queued, then called on a message-driven bean after the request. */
    DeploymentDto deploy(UUID modelId, String version, DeployRequest request);

    List<DeploymentDto> deployments(UUID modelId, String version);

    DeploymentDto deployment(UUID id);

    /** The target's report: IN_PROGRESS, SUCCEEDED or FAILED, with a message and a link. */
    DeploymentDto report(UUID id, DeploymentReport report);

    /** Redeploys, to the same target, the version that was last deployed there successfully before this one. */
    DeploymentDto rollback(UUID id);

    /** The latest FAILED deployments in the caller's organizations, and their number per day. */
    RecentFailuresDto recentFailures(RecentFailuresQuery query);
}
