package org.modelregistry.domain.deployment;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Where a deployment is: REQUESTED, IN_PROGRESS (claimed, called, awaiting the report), then SUCCEEDED or FAILED. */
public enum DeploymentState {
    REQUESTED,
    IN_PROGRESS,
    SUCCEEDED,
    FAILED;

    /** What a target may report (in this order in error messages). */
    public static final Set<DeploymentState> REPORTABLE =
            Collections.unmodifiableSet(EnumSet.of(IN_PROGRESS, SUCCEEDED, FAILED));

    /** A deployment in one of these holds its target: no other deployment to it may start. */
    public static final Set<DeploymentState> UNFINISHED =
            Collections.unmodifiableSet(EnumSet.of(REQUESTED, IN_PROGRESS));

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }

    /** The reportable state a target named, if it named one. */
    public static Optional<DeploymentState> reported(String name) {
        return REPORTABLE.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
