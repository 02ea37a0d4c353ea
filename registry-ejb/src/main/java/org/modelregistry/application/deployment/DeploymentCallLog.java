package org.modelregistry.application.deployment;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Keeps every call made to a deployment target, each in its own transaction (a later failure keeps it). */
@Stateless
@LocalBean
public class DeploymentCallLog {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(
            UUID deploymentId,
            int attempt,
            OffsetDateTime startedAt,
            long durationMs,
            String outcome,
            Integer httpStatus,
            String detail) {
        em.createNativeQuery("INSERT INTO deployment_call (deployment_id, call_no, attempt, started_at, duration_ms,"
                        + " outcome, http_status, detail) SELECT CAST(? AS uuid), coalesce(max(call_no), 0) + 1, ?, ?,"
                        + " ?, ?, ?, ? FROM deployment_call WHERE deployment_id = CAST(? AS uuid)")
                .setParameter(1, deploymentId.toString())
                .setParameter(2, attempt)
                .setParameter(3, startedAt)
                .setParameter(4, (int) Math.min(durationMs, Integer.MAX_VALUE))
                .setParameter(5, outcome)
                .setParameter(6, httpStatus)
                .setParameter(7, detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail)
                .setParameter(8, deploymentId.toString())
                .executeUpdate();
    }
}
