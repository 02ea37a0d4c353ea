package org.modelregistry.domain.deployment;

import java.time.Instant;
import java.util.UUID;

/**
 * What a CI system's event says about a deployment, once its signature or token was verified and its body read.
 *
 * @param deliveryId the system's id of this delivery (the same for a redelivery): the replay key
 * @param event what happened, e.g. {@code workflow_run.completed} (for the audit record and the delivery table)
 * @param deployment the registry's deployment id the CI run carried, or null when the event names none
 * @param state the state it reports (IN_PROGRESS, SUCCEEDED, FAILED), or null when it reports none (irrelevant)
 * @param message a short text for the deployment, or null
 * @param url a link to the run, or null
 * @param occurredAt when the system says it happened (signed with the body), or null when it does not say
 */
public record CiEvent(
        String deliveryId,
        String event,
        UUID deployment,
        DeploymentState state,
        String message,
        String url,
        Instant occurredAt) {

    /** Whether the event reports on a deployment at all; the others are acknowledged and ignored. */
    public boolean relevant() {
        return deployment != null && state != null;
    }
}
