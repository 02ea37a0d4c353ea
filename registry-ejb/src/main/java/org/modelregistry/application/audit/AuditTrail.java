package org.modelregistry.application.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.application.shared.RequestMetadata;
import org.modelregistry.domain.audit.AuditEvent;

/** Writes audit events inside the caller's transaction, with the request's id and client address. */
@ApplicationScoped
public class AuditTrail {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    RequestMetadata request;

    /**
     * Only on a benchmark server (never one with real data): a request with {@code X-Benchmark-Audit: off} writes
     * no audit record, so that one benchmark run measures registration with and without auditing.
     */
    @Inject
    @ConfigProperty(name = "registry.benchmark.seed-enabled", defaultValue = "false")
    boolean benchmark;

    public void record(
            String actor, String action, String objectType, UUID objectId, UUID organizationId, JsonObject details) {
        record(actor, action, objectType, objectId, organizationId, details, AuditEvent.SUCCESS);
    }

    public void record(
            String actor,
            String action,
            String objectType,
            UUID objectId,
            UUID organizationId,
            JsonObject details,
            String outcome) {
        if (benchmark && suppressed()) {
            return;
        }
        em.persist(new AuditEvent(
                actor,
                action,
                objectType,
                objectId,
                organizationId,
                requestId(),
                (details == null ? JsonValue.EMPTY_JSON_OBJECT : details).toString(),
                clientAddress(),
                outcome));
    }

    /**
     * A record for the audit log's own maintenance, written through the schema owner's connection (see
     * {@code AuditMaintenance#append}) in that connection's transaction: the record commits with the change it
     * describes, or neither does.
     */
    public AuditEvent event(String actor, String action, String objectType, UUID objectId, JsonObject details) {
        return new AuditEvent(
                actor,
                action,
                objectType,
                objectId,
                null,
                requestId(),
                (details == null ? JsonValue.EMPTY_JSON_OBJECT : details).toString(),
                clientAddress(),
                AuditEvent.SUCCESS);
    }

    private boolean suppressed() {
        try {
            return request.auditSuppressed();
        } catch (ContextNotActiveException e) {
            return false;
        }
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
