package org.modelregistry.application.audit;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import org.modelregistry.domain.audit.AuditEvent;
import org.modelregistry.domain.policy.PolicyEvaluation;

/**
 * Records refused attempts in a transaction of their own: the attempt itself rolls back, its record must not.
 * Called before the refusal is thrown, while the caller's transaction has written nothing that these rows wait on.
 */
@Stateless
@LocalBean
public class AttemptLog {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** A transition blocked by policy: its policy evaluations and a DENIED audit record. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void blocked(
            List<PolicyEvaluation> evaluations,
            String actor,
            String action,
            UUID objectId,
            UUID organizationId,
            JsonObject details) {
        evaluations.forEach(em::persist);
        audit.record(actor, action, "model_version", objectId, organizationId, details, AuditEvent.DENIED);
        audit.markAttemptRecorded();
    }

    /** Any other refused or failed state-changing request (written by the REST layer after the fact). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refused(
            String actor,
            String action,
            String objectType,
            UUID objectId,
            UUID organizationId,
            JsonObject details,
            String outcome) {
        audit.record(actor, action, objectType, objectId, organizationId, details, outcome);
    }
}
