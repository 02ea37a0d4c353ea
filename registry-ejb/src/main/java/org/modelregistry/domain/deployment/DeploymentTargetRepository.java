package org.modelregistry.domain.deployment;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Loads and stores deployment targets. */
public interface DeploymentTargetRepository {

    /** Stores a new target; false when its name is taken in its organization (also when two requests race). */
    boolean add(DeploymentTarget target);

    Optional<DeploymentTarget> find(UUID id);

    /** The target, locked until the transaction ends, so that two deployments to it cannot race. */
    Optional<DeploymentTarget> lockByName(UUID organizationId, String name);

    /**
     * Targets by organization slug and name.
     *
     * @param organizationIds the organizations to list from; null means all
     */
    List<DeploymentTarget> list(Set<UUID> organizationIds);

    /**
     * Writes the target's changes now and reads it back as stored (the settings as jsonb keeps them).
     *
     * @throws org.modelregistry.api.problem.PreconditionFailedException when it was changed concurrently
     */
    void save(DeploymentTarget target);
}
