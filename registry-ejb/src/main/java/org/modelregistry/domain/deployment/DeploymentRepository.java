package org.modelregistry.domain.deployment;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Loads and stores deployments and the calls made to their targets. */
public interface DeploymentRepository {

    void add(Deployment deployment);

    /** The deployment, locked until the transaction ends ({@code FOR UPDATE}): its transitions do not race. */
    Optional<Deployment> lock(UUID id);

    /** Up to 100 dispatched deployments whose target has not reported for {@code minutes}, oldest first. */
    List<UUID> unreported(int minutes);

    Optional<DeploymentView> view(UUID id);

    /** The deployments of a version, oldest first. */
    List<DeploymentView> viewsOfVersion(UUID versionId);

    /** The calls made for these deployments, in the order they were made. */
    List<DeploymentCall> calls(Collection<UUID> deploymentIds);

    /** Deployments to a target in one of these states. */
    long count(UUID targetId, Collection<DeploymentState> states);

    /**
     * The version of the same model deployed to the same target successfully last before {@code deployment}, other
     * than its own: what a rollback redeploys.
     */
    Optional<String> previousSucceededVersion(Deployment deployment, String ownVersion);

    /** The model and organization of the deployed version. */
    DeploymentSubject subject(Deployment deployment);

    /** Keeps one call, numbered after the deployment's earlier ones. */
    void recordCall(
            UUID deploymentId,
            int attempt,
            OffsetDateTime startedAt,
            int durationMs,
            CallOutcome outcome,
            Integer httpStatus,
            String detail);

    /**
     * Keeps a CI event's delivery; false when this target already had a delivery with this id from this system (a
     * redelivery or a replay), in which case the event must change nothing.
     */
    boolean recordCiDelivery(
            UUID targetId, CiSystem system, String deliveryId, UUID deploymentId, String event, DeploymentState state);

    /** The database's clock (the transaction's start), by which leases and report timeouts are judged. */
    OffsetDateTime now();
}
