package org.modelregistry.application.deployment;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.modelregistry.domain.deployment.CallOutcome;
import org.modelregistry.domain.deployment.DeploymentRepository;

/** Keeps every call made to a deployment target, each in its own transaction (a later failure keeps it). */
@Stateless
@LocalBean
public class DeploymentCallLog {

    @Inject
    DeploymentRepository deployments;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(
            UUID deploymentId,
            int attempt,
            OffsetDateTime startedAt,
            long durationMs,
            CallOutcome outcome,
            Integer httpStatus,
            String detail) {
        deployments.recordCall(
                deploymentId,
                attempt,
                startedAt,
                (int) Math.min(durationMs, Integer.MAX_VALUE),
                outcome,
                httpStatus,
                detail);
    }
}
