package org.modelregistry.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import org.modelregistry.domain.audit.AuditEvent;

/** Writes audit events inside the caller's transaction, with the request's id and client address. */
@ApplicationScoped
public class AuditTrail {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    RequestMetadata request;

    public void record(String actor, String action, String objectType, UUID objectId, UUID organizationId,
                       JsonObject details) {
        record(actor, action, objectType, objectId, organizationId, details, AuditEvent.SUCCESS);
    }

    public void record(String actor, String action, String objectType, UUID objectId, UUID organizationId,
                       JsonObject details, String outcome) {
        em.persist(new AuditEvent(actor, action, objectType, objectId, organizationId, requestId(),
                (details == null ? JsonValue.EMPTY_JSON_OBJECT : details).toString(), clientAddress(), outcome));
    }

    String requestId() {
        try {
            return request.requestId();
        } catch (ContextNotActiveException e) {
            return null; // not within an HTTP request (start-up, a job)
        }
    }

    String clientAddress() {
        try {
            return request.clientAddress();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    /** Notes that this request's refused attempt is on record; false outside a request. */
    void markAttemptRecorded() {
        try {
            request.markAttemptRecorded();
        } catch (ContextNotActiveException e) {
            // not within an HTTP request
        }
    }
}
