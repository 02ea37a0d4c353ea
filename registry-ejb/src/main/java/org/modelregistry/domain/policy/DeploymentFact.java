package org.modelregistry.domain.policy;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * One deployment of a version as policies see it ({@code deployments[]} of the input, docs/governance.md), read by
 * the named query {@code PolicyEvaluation.deploymentsOfVersion}.
 *
 * @param status REQUESTED ... FAILED, as the deployment's state is stored
 * @param finishedAt RFC 3339 in UTC to the second, or null while the deployment has not finished
 */
public record DeploymentFact(String id, String target, String environment, String status, String finishedAt) {

    public JsonObjectBuilder toJson() {
        JsonObjectBuilder deployment = Json.createObjectBuilder()
                .add("id", id)
                .add("target", target)
                .add("environment", environment)
                .add("status", status);
        if (finishedAt != null && !finishedAt.isEmpty()) {
            deployment.add("finishedAt", finishedAt);
        }
        return deployment;
    }
}
